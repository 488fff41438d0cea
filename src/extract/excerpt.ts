/**
 * The fair-use excerpt: the first N paragraphs of the article body as a
 * member would quote them, without the datelines, bylines, ads, share bars,
 * newsletter nags and photo captions that sit between them.
 */
import type { Block } from './blocks.js'
import { withBoldOpening } from './bold-opening.js'
import { isHeadingLike, withoutAuthorBios, withoutHouseSection } from './house-sections.js'
import { isReadAlso, opensWithReadAlso } from './notices.js'
import { withoutOpeningBio } from './opening-bio.js'
import { withPlaceDatelines } from './place-dateline.js'
import { BY_PREFIX, classifyParagraph } from './rules.js'
import { withoutTeaserLists } from './teaser-lists.js'
import { endsLikeSentence, holdsSentenceBreak, textKey, truncateAtWord, weightedLength } from './text.js'
import { readsAsTicker } from './ticker.js'

export interface ExcerptOptions {
  paragraphs: number
  maxChars?: number
}

const MIN_LOOSE_PARAGRAPH = 80
const MIN_UNPUNCTUATED = 100
/** A bold paragraph this long holding a sentence break is a lead paragraph, not a subheading. */
const MIN_BOLD_LEAD = 120
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
  if (block.furniture) return 'furniture'
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
  // A bold line that is mostly links is a kicker pointing elsewhere: "Submit your letter here. Read more Letters."
  if (block.bold && block.linkDensity >= MIN_CLOSER_LINKS) return 'promo'
  // A paragraph set apart in bold or italics whose last sentence is a link is a call to action: "… Sign up here!"
  if ((block.bold || block.italic) && block.linkedLastSentence) return 'promo'
  // A paragraph all in bold is a subheading or kicker unless it reads like a lead paragraph set in bold:
  // sentences, even when the page runs the last one on into the next paragraph.
  if (
    block.bold &&
    block.kind !== 'heading' &&
    !(length >= MIN_LOOSE_PARAGRAPH && endsLikeSentence(text)) &&
    !(length >= MIN_BOLD_LEAD && holdsSentenceBreak(text))
  ) {
    return 'subheading'
  }
  if (block.linkDensity > MAX_LINK_DENSITY) return 'links'
  // "Lire aussi Jane Doe, « Title »": a read-also label run into the linked title it points to.
  if (block.linkDensity >= MIN_CLOSER_LINKS && length < MAX_CLOSER && opensWithReadAlso(text)) return 'promo'
  if (readsAsTicker(text)) return 'ticker'
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
export function quotableParagraphs(
  blocks: readonly Block[],
  title: string,
  siteNames: ReadonlyArray<string | null> = [],
  byline: string | null = null,
): string[] {
  const titleKey = textKey(title)
  const isProse = (block: Block) => rejectParagraph(block, titleKey) === null
  const story = withPlaceDatelines(
    withBoldOpening(
      withoutTeaserLists(beforeRelatedLinks(withoutAuthorBios(withoutHouseSection(blocks, siteNames)))),
      isProse,
    ),
    isProse,
  )
  const prose = withoutOpeningBio(
    withoutClosingBio(
      pickParagraphs(
        story.map((block) => ({ ...block, text: withoutLeadingByline(block.text, byline) })),
        title,
      ),
      byline,
    ),
    byline,
  )
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
      italic: false,
      linkedLastSentence: false,
      furniture: false,
    }))
  return pickParagraphs(fromPre, title)
}

/** A heading longer than this is a subheading of the story, not a "Related posts" label. */
const MAX_RELATED_LABEL = 60

/** A block this much link text is another article's linked title. */
const LINKED_TITLE = 0.5

/**
 * The article up to a "Related posts" / "Mehr zum Thema" label set as a
 * heading over a linked title: what follows is other articles' titles and
 * teasers, even when Readability took the list for the article (nothing is
 * left then). A label whose links are gone (an inline box the page dropped)
 * is followed by the story again and ends nothing.
 */
function beforeRelatedLinks(blocks: readonly Block[]): readonly Block[] {
  const end = blocks.findIndex(
    (block, i) =>
      isHeadingLike(block) &&
      weightedLength(block.text) <= MAX_RELATED_LABEL &&
      isReadAlso(block.text) &&
      (blocks[i + 1]?.linkDensity ?? 0) >= LINKED_TITLE,
  )
  return end === -1 ? blocks : blocks.slice(0, end)
}

/**
 * The author's byline glued to the front of the lede: "Von Daniel Doe Sie
 * ist …", "By Jane Doe: The Americas …" keep only the lede.
 */
function withoutLeadingByline(text: string, byline: string | null): string {
  if (!byline) return text
  const prefix = BY_PREFIX.exec(text)
  if (!prefix || prefix[0].trim() === '') return text
  const rest = text.slice(prefix[0].length)
  if (!rest.startsWith(byline)) return text
  const lede = rest.slice(byline.length).replace(/^\s*[:|–—-]?\s+/, '')
  return weightedLength(lede) >= MIN_LOOSE_PARAGRAPH && /^["'„“«\p{Lu}\p{N}]/u.test(lede) ? lede : text
}

/** A closing note about the author is short. */
const MAX_CLOSING_BIO = 400

/**
 * The article less the closing paragraphs that introduce its author by full
 * name ("Jane Doe studied law before …"): a bio set after the story without a
 * heading of its own.
 */
function withoutClosingBio(paragraphs: string[], byline: string | null): string[] {
  if (!byline || !/\S\s+\S/.test(byline)) return paragraphs
  const out = [...paragraphs]
  while (out.length > 1 && out.at(-1)!.startsWith(`${byline} `) && weightedLength(out.at(-1)!) <= MAX_CLOSING_BIO) {
    out.pop()
  }
  return out
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
  const repeats = repeatedLater(blocks)
  const seen = new Set<string>()
  const out: Block[] = []
  blocks.forEach((block, i) => {
    if (repeats.has(i) || rejectParagraph(block, titleKey, inLines)) return
    const key = textKey(block.text)
    if (seen.has(key)) return
    seen.add(key)
    out.push(block)
  })
  // A short linked line closing the article is a pointer elsewhere: "You can view our earlier coverage here."
  while (out.length > 1 && isLinkedCloser(out.at(-1)!)) out.pop()
  // The story's last paragraph set in italics under plain ones is a note about it: its source, a disclaimer, a bio.
  if (out.length > 1 && out.at(-1)!.italic && out.some((block) => !block.italic)) out.pop()
  return out.map((block) => block.text)
}

/** Pull quotes and teasers repeat a sentence the article prints in full further down. */
const MIN_REPEAT_KEY = 40
/** Only the top of the article is searched for repeats: that is where pull quotes push the lede down. */
const REPEAT_WINDOW = 40
const MAX_CLOSER = 250
const MIN_CLOSER_LINKS = 0.3

export function repeatedLater(blocks: readonly Block[]): Set<number> {
  const keys = blocks.map((block) => textKey(block.text))
  const repeats = new Set<number>()
  for (let i = 0; i < Math.min(blocks.length, REPEAT_WINDOW); i++) {
    const key = keys[i]!
    if (key.length < MIN_REPEAT_KEY) continue
    for (let j = i + 1; j < keys.length; j++) {
      if (keys[j]!.length > key.length && keys[j]!.includes(key)) {
        repeats.add(i)
        break
      }
    }
  }
  return repeats
}

function isLinkedCloser(block: Block): boolean {
  return weightedLength(block.text) < MAX_CLOSER && block.linkDensity >= MIN_CLOSER_LINKS
}

/** The dek set apart above the body: the first one before the lede, if it reads as a line of prose. */
export function findStandfirst(blocks: readonly Block[], title: string): string | null {
  const titleKey = textKey(title)
  for (const block of blocks) {
    const reason = rejectParagraph(block, titleKey)
    if (reason === null) return null
    // A quoted blurb or epigraph is someone else's words, not the page's own dek.
    const quoted = block.kind === 'quote'
    if (reason === 'dek' && !block.caption && !block.furniture && !quoted && readsAsDek(block.text, titleKey)) {
      return block.text
    }
  }
  return null
}

const MIN_STANDFIRST = 40
const MAX_STANDFIRST = 400
const MIN_STANDFIRST_WORDS = 6

/** Prose, not a label, a dateline, a byline or the headline again. */
export function readsAsDek(text: string, titleKey: string): boolean {
  const length = weightedLength(text)
  if (length < MIN_STANDFIRST || length > MAX_STANDFIRST) return false
  // CJK prose has no spaces between words; its length alone is the test.
  if (length === text.length && text.split(/\s+/).length < MIN_STANDFIRST_WORDS) return false
  if (titleKey && textKey(text).includes(titleKey)) return false
  // A clock time, a "|" or "//" between parts: a dateline or a byline set in the dek's place.
  if (/\b\d{1,2}:\d{2}\b|\s(?:\||\/\/)\s/.test(text)) return false
  return classifyParagraph(text) === null
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
