/**
 * The fair-use excerpt: the first N paragraphs of the article body as a
 * member would quote them, without the datelines, bylines, ads, share bars,
 * newsletter nags and photo captions that sit between them.
 */
import type { Block } from './blocks.js'
import { classifyParagraph } from './rules.js'
import { endsLikeSentence, textKey, truncateAtWord, weightedLength } from './text.js'

export interface ExcerptOptions {
  paragraphs: number
  maxChars?: number
}

const MIN_LOOSE_PARAGRAPH = 80
const MIN_UNPUNCTUATED = 100
const MAX_LINK_DENSITY = 0.7
/** On a page written in lines, a line shorter than this is a label, not prose. */
const MIN_LINE = 24
/** Unpunctuated lines outnumbering sentences this many to one, and at least this many, make a page written in lines. */
const LINES_PER_SENTENCE = 2
const MIN_LINES = 5

/**
 * Why a block is not an excerpt paragraph, or null when it is one. `inLines`:
 * the page is written in lines without full stops (a photo blog, a line per
 * photo), so a short unpunctuated line is prose there.
 */
export function rejectParagraph(block: Block, titleKey: string, inLines = false): string | null {
  const { text } = block
  if (block.caption) return 'caption'
  // The dek restates the story in a line; members quote the story, starting with its lede.
  if (block.dek) return 'dek'
  const length = weightedLength(text)
  if (block.kind === 'pre') return 'pre'
  // Some pages set the lede in an <h2>; a heading that long and ending in a full stop is prose.
  if (block.kind === 'heading' && !(length >= MIN_LOOSE_PARAGRAPH && /[.!。！]["'”’»)\]]*$/.test(text)))
    return 'heading'
  // Text straight in a div, list item or table cell counts when it reads like prose.
  if (block.kind !== 'p' && block.kind !== 'heading' && !(length >= MIN_LOOSE_PARAGRAPH && endsLikeSentence(text))) {
    return 'not-prose'
  }
  // A paragraph all in bold is a subheading or kicker unless it reads like a lead paragraph set in bold.
  if (block.bold && block.kind !== 'heading' && !(length >= MIN_LOOSE_PARAGRAPH && endsLikeSentence(text))) {
    return 'subheading'
  }
  if (block.linkDensity > MAX_LINK_DENSITY) return 'links'
  const kind = classifyParagraph(text)
  if (kind) return kind
  // Prose ends in a full stop; short lines that don't are labels, kickers, captions or subheads.
  if (length < (inLines ? MIN_LINE : MIN_UNPUNCTUATED) && !endsLikeSentence(text)) return 'fragment'
  const key = textKey(text)
  if (titleKey && (key === titleKey || (key.includes(titleKey) && key.length < titleKey.length + 30))) return 'title'
  return null
}

/**
 * Every quotable paragraph of the article, in order, without repeats. A page
 * that is all <pre> (an RFC, a plain-text essay) is read as paragraphs
 * separated by blank lines instead.
 */
export function quotableParagraphs(blocks: readonly Block[], title: string): string[] {
  const prose = pickParagraphs(blocks, title)
  if (prose.length > 0) return prose
  const fromPre = blocks
    .filter((b) => b.kind === 'pre')
    .flatMap((b) => b.text.split(/\n\s*\n/))
    .map((text): Block => ({
      text: text.replace(/\s+/g, ' ').trim(),
      kind: 'other',
      caption: false,
      linkDensity: 0,
      dek: false,
      bold: false,
    }))
  return pickParagraphs(fromPre, title)
}

/** Paragraphs that are unpunctuated lines far outnumber those that end in a full stop. */
function writesInLines(blocks: readonly Block[], titleKey: string): boolean {
  let lines = 0
  let sentences = 0
  for (const block of blocks) {
    if (block.kind !== 'p') continue
    const reason = rejectParagraph(block, titleKey)
    if (reason === 'fragment') lines++
    else if (reason === null) sentences++
  }
  return lines >= MIN_LINES && lines >= LINES_PER_SENTENCE * sentences
}

function pickParagraphs(blocks: readonly Block[], title: string): string[] {
  const titleKey = textKey(title)
  const inLines = writesInLines(blocks, titleKey)
  const seen = new Set<string>()
  const out: string[] = []
  for (const block of blocks) {
    if (rejectParagraph(block, titleKey, inLines)) continue
    const key = textKey(block.text)
    if (seen.has(key)) continue
    seen.add(key)
    out.push(block.text)
  }
  return out
}

/** The first `paragraphs` paragraphs, stopping before `maxChars` would be exceeded. */
export function selectExcerpt(paragraphs: readonly string[], options: ExcerptOptions): string[] {
  const out: string[] = []
  let total = 0
  for (const paragraph of paragraphs) {
    if (out.length >= options.paragraphs) break
    const length = Array.from(paragraph).length
    if (options.maxChars !== undefined && total + length > options.maxChars) {
      // The first paragraph is always quoted, cut to fit if it alone is too long.
      if (out.length === 0) out.push(truncateAtWord(paragraph, options.maxChars))
      break
    }
    out.push(paragraph)
    total += length
  }
  return out
}

/** The whole article as plain text: every block but the page furniture, blank lines between. */
export function articleText(blocks: readonly Block[]): string {
  const seen = new Set<string>()
  const parts: string[] = []
  for (const block of blocks) {
    const furniture = block.kind === 'pre' ? null : classifyParagraph(block.text)
    // Captions stay: they are part of the story as printed; promos and datelines are not.
    if (furniture && furniture !== 'caption') continue
    const key = `${block.kind}:${block.text}`
    if (block.kind !== 'pre' && seen.has(key)) continue
    seen.add(key)
    parts.push(block.text)
  }
  return parts.join('\n\n')
}
