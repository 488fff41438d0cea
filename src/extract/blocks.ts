/**
 * Flattens Readability's article element into text blocks in reading order:
 * each run of inline text between block boundaries becomes one block, tagged
 * with what kind of element holds it and whether it sits in a caption, a
 * dek (the subtitle set apart above the body) or page furniture.
 */
import {
  isDek,
  isHidden,
  isHoverCard,
  isMediaPlaceholder,
  photoBoxes,
  saysCaption,
  saysDek,
  saysFurniture,
} from './class-hints.js'
import { textKey, weightedLength } from './text.js'

export type BlockKind = 'p' | 'heading' | 'item' | 'quote' | 'pre' | 'cell' | 'other'

export interface Block {
  text: string
  kind: BlockKind
  /** Inside a figure/figcaption or an element whose class/id says caption or credit. */
  caption: boolean
  /** Share of the text that is link text. */
  linkDensity: number
  /**
   * In a short <header> or element whose class/itemprop says dek, standfirst, subtitle, summary or description,
   * a heading set all in italics (how pages style the dek without naming it), or text behind a dek's label.
   */
  dek: boolean
  /** All of the text is in <strong>/<b>: how pages set subheadings and kickers in paragraph markup. */
  bold: boolean
  /** All of the text is in <em>/<i>: how pages set a note apart from the story. */
  italic: boolean
  /** The last sentence is a link of its own: a call to action ("… Sign up here!"). */
  linkedLastSentence: boolean
  /** In a small part of the article named as comments, related links, share bar, author box, tags and the like. */
  furniture: boolean
}

interface Context {
  kind: BlockKind
  caption: boolean
  pre: boolean
  dek: boolean
  furniture: boolean
  link: boolean
  bold: boolean
  italic: boolean
}

const BLOCK_TAGS: ReadonlySet<string> = new Set(
  'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead tfoot tr td th ul center'.split(
    ' ',
  ),
)
const SKIPPED_TAGS: ReadonlySet<string> = new Set(
  'script style noscript template svg iframe object embed canvas video audio picture img source button select option input textarea label'.split(
    ' ',
  ),
)
const KIND_BY_TAG: Readonly<Record<string, BlockKind>> = {
  p: 'p',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  li: 'item',
  dd: 'item',
  dt: 'item',
  blockquote: 'quote',
  pre: 'pre',
  td: 'cell',
  th: 'cell',
}
/** Share of a block's text in bold (or italics) for it to count as set in bold: a colon or space may sit outside. */
const ALL_OF_IT = 0.9
/** Longer italics after an image are an editor's note or an intro, not the image's caption. */
const MAX_CAPTION_CHARS = 300
/** Italics in the very paragraph that holds the image or video are its caption up to this long. */
const MAX_SAME_BOX_CAPTION_CHARS = 600

/** A template's label left in front of the dek it names: "Subheadline: …", "Untertitel: …". */
const DEK_LABEL = /^(?:sub-?headline|subtitle|untertitel|unterzeile|standfirst|strapline|dek)\s*:\s*(?=\S)/i

/** Furniture holds at most this share of the article's text; a wrapper with a furniture name holds more. */
const MAX_FURNITURE_SHARE = 0.4
const textLength = (el: Element) => (el.textContent ?? '').replace(/\s+/g, '').length

/**
 * Paragraphs in list items and table cells keep the container's kind:
 * captions, infobox labels and link lists hide there.
 */
function innerKind(tag: string, outer: BlockKind): BlockKind {
  const own = KIND_BY_TAG[tag]
  if ((outer === 'item' || outer === 'cell') && (own === undefined || own === 'p')) return outer
  if (outer === 'quote' && own === undefined) return 'quote'
  return own ?? 'other'
}

export function collectBlocks(root: Element): Block[] {
  const blocks: Block[] = []
  let buffer = ''
  // Non-space characters of the buffer that sit in links, in bold and in italics.
  let linkChars = 0
  let boldChars = 0
  let italicChars = 0
  // An image with no text after it yet: an all-italic line that follows is its caption.
  let afterImage = false
  // The image is in the buffer's own paragraph: the italics beside it caption it, even at some length.
  let imageInBlock = false
  // The last image's alt text: a line after it (past its credit) that repeats the alt is its caption, however set.
  let imageAlt = ''

  // Where the buffer's last link starts and ends.
  let lastLink: readonly [number, number] | null = null

  const flush = (ctx: Context) => {
    const cut = closingMoreLink(buffer, lastLink)
    const linkedLastSentence = cut === null && endsWithLinkedSentence(buffer, lastLink)
    if (cut !== null) {
      linkChars = Math.max(0, linkChars - buffer.slice(cut).replace(/\s+/g, '').length)
      buffer = buffer.slice(0, cut)
    }
    lastLink = null
    const text = ctx.pre
      ? buffer
          .replace(/[ \t\u00a0]+\n/g, '\n')
          .replace(/\n{3,}/g, '\n\n')
          .replace(/^\s*\n|\s+$/g, '')
      : buffer
          .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
          .replace(/\s+/g, ' ')
          .trim()
    if (/[\p{L}\p{N}]/u.test(text)) {
      const total = buffer.replace(/\s+/g, '').length
      const share = (chars: number) => (total ? Math.min(1, chars / total) : 0)
      const label = DEK_LABEL.exec(text)
      blocks.push({
        text: label ? text.slice(label[0].length) : text,
        kind: ctx.kind,
        caption:
          ctx.caption ||
          (imageAlt !== '' && textKey(text) === imageAlt) ||
          (afterImage &&
            share(italicChars) >= ALL_OF_IT &&
            weightedLength(text) <= (imageInBlock ? MAX_SAME_BOX_CAPTION_CHARS : MAX_CAPTION_CHARS)),
        linkDensity: share(linkChars),
        dek: ctx.dek || label !== null || (ctx.kind === 'heading' && share(italicChars) >= ALL_OF_IT),
        bold: share(boldChars) >= ALL_OF_IT,
        italic: share(italicChars) >= ALL_OF_IT,
        linkedLastSentence,
        furniture: ctx.furniture,
      })
      afterImage = false
    }
    buffer = ''
    imageInBlock = false
    linkChars = boldChars = italicChars = 0
  }

  const walk = (parent: Element, ctx: Context) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 /* TEXT_NODE */) {
        const data = node.nodeValue ?? ''
        buffer += data
        const chars = data.replace(/\s+/g, '').length
        if (ctx.link) linkChars += chars
        if (ctx.bold) boldChars += chars
        if (ctx.italic) italicChars += chars
        continue
      }
      if (node.nodeType !== 1 /* ELEMENT_NODE */) continue
      const el = node as Element
      const tag = el.localName
      if (isHidden(el) || isHoverCard(el)) continue
      const isImage = tag === 'img' || tag === 'picture'
      if (isImage) imageAlt = textKey((tag === 'img' ? el : el.querySelector('img'))?.getAttribute('alt') ?? '')
      // A video's player is gone by now (iframes are not parsed); the empty box named for it still marks its place.
      if (isImage || isMediaPlaceholder(el)) afterImage = imageInBlock = true
      if (SKIPPED_TAGS.has(tag)) continue
      if (tag === 'br') {
        buffer += ctx.pre ? '\n' : ' '
        continue
      }
      if (!BLOCK_TAGS.has(tag)) {
        const inline: Context = {
          ...ctx,
          link: ctx.link || tag === 'a',
          bold: ctx.bold || tag === 'b' || tag === 'strong',
          italic: ctx.italic || tag === 'i' || tag === 'em',
        }
        if (ctx.caption || !saysCaption(el)) {
          const start = buffer.length
          walk(el, inline)
          if (tag === 'a') lastLink = [start, buffer.length]
          continue
        }
        // A photo credit set inline at the front of a paragraph is its own block, not the paragraph's first words.
        flush(ctx)
        walk(el, { ...inline, caption: true })
        flush({ ...inline, caption: true })
        continue
      }
      flush(ctx)
      const inner: Context = {
        ...ctx,
        kind: innerKind(tag, ctx.kind),
        caption: ctx.caption || tag === 'figure' || tag === 'figcaption' || saysCaption(el) || captionBoxes.has(el),
        pre: ctx.pre || tag === 'pre',
        dek: ctx.dek || (isDek(el) && !isOneOfMany(el)),
        furniture: ctx.furniture || (saysFurniture(el) && isSmallPart(el)),
      }
      walk(el, inner)
      flush(inner)
    }
  }

  const captionBoxes = photoBoxes(root)
  const rootLength = textLength(root)
  const isSmallPart = (el: Element) => textLength(el) <= MAX_FURNITURE_SHARE * rootLength

  const top: Context = {
    kind: 'other',
    caption: false,
    pre: false,
    dek: false,
    furniture: false,
    link: false,
    bold: false,
    italic: false,
  }
  walk(root, top)
  flush(top)
  return withoutFurnitureMajority(blocks)
}

/** A dek is one element: a name set on this many sibling elements marks the body's paragraphs. */
const MANY_DEKS = 3

/** One of several siblings named as a dek: a page that calls every paragraph "description". */
function isOneOfMany(el: Element): boolean {
  let named = 0
  for (let sibling = el.parentElement?.firstElementChild; sibling; sibling = sibling.nextElementSibling) {
    if (sibling.localName === el.localName && saysDek(sibling) && ++named >= MANY_DEKS) return true
  }
  return false
}

const CLOSING_BRACKETS = /\[([^[\]]{1,30})\]\s*$/

/**
 * Where a bracketed link closing a paragraph starts ("… [more]", "… [czytaj
 * więcej]"): a pointer to the full text, not part of it. Null when the
 * paragraph does not end so, or is nothing else.
 */
function closingMoreLink(buffer: string, link: readonly [number, number] | null): number | null {
  if (!link) return null
  const closing = CLOSING_BRACKETS.exec(buffer)
  if (!closing) return null
  const inside = closing.index + 1 + (closing[1]!.length - closing[1]!.trimStart().length)
  const insideEnd = closing.index + 1 + closing[1]!.trimEnd().length
  if (link[0] > inside || link[1] < insideEnd) return null
  return /[\p{L}\p{N}]/u.test(buffer.slice(0, closing.index)) ? closing.index : null
}

/** A sentence ends here: its stop, maybe a closing quote or bracket. */
const SENTENCE_END = /[.!?…:]["'”’»)\]]*\s*$/u
const HAS_WORD = /[\p{L}\p{N}]/u

/** The paragraph's last link is its last sentence, after another sentence: "… Täglich in Ihrer Inbox. Hier geht's zur Anmeldung!". */
function endsWithLinkedSentence(buffer: string, link: readonly [number, number] | null): boolean {
  if (!link || HAS_WORD.test(buffer.slice(link[1]))) return false
  const before = buffer.slice(0, link[0])
  return HAS_WORD.test(before) && SENTENCE_END.test(before)
}

/**
 * When most of the text is in elements named as furniture, the names mean
 * something else on that page (a live blog whose entries are "comments"):
 * nothing is furniture by name there.
 */
function withoutFurnitureMajority(blocks: Block[]): Block[] {
  const total = blocks.reduce((sum, b) => sum + b.text.length, 0)
  const furnished = blocks.reduce((sum, b) => sum + (b.furniture ? b.text.length : 0), 0)
  return furnished > MAX_FURNITURE_SHARE * total ? blocks.map((b) => ({ ...b, furniture: false })) : blocks
}
