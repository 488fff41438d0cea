/**
 * Flattens Readability's article element into text blocks in reading order:
 * each run of inline text between block boundaries becomes one block, tagged
 * with what kind of element holds it and whether it sits in a caption or a
 * dek (the subtitle set apart above the body).
 */
import { collapseWhitespace, weightedLength } from './text.js'

export type BlockKind = 'p' | 'heading' | 'item' | 'quote' | 'pre' | 'cell' | 'other'

export interface Block {
  text: string
  kind: BlockKind
  /** Inside a figure/figcaption or an element whose class/id says caption or credit. */
  caption: boolean
  /** Share of the text that is link text. */
  linkDensity: number
  /** In a short <header> or element whose class/itemprop says dek, standfirst, subtitle, summary or description. */
  dek: boolean
  /** All of the text is in <strong>/<b>: how pages set subheadings and kickers in paragraph markup. */
  bold: boolean
}

interface Context {
  kind: BlockKind
  caption: boolean
  pre: boolean
  dek: boolean
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
const SCREEN_READER_ONLY =
  /(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)|a11y-hidden|offscreen)(?:\s|$)/i
const CAPTION_WORDS: ReadonlySet<string> = new Set([
  'caption',
  'captions',
  'figcaption',
  'credit',
  'credits',
  'cutline',
])
// "no_caption", "without-caption": a class saying an item has no caption.
const NEGATED_CAPTION = /(?<![a-z])(?:no|non|without)[-_]?caption\w*/gi
const DEK_WORDS: ReadonlySet<string> = new Set([
  'dek',
  'standfirst',
  'strapline',
  'subtitle',
  'subheadline',
  'summary',
  'description',
  'alternativeheadline',
  'abstract',
])
/** Share of a block's text in bold (or italics) for it to count as set in bold: a colon or space may sit outside. */
const ALL_OF_IT = 0.9
/** Longer italics after an image are an editor's note or an intro, not the image's caption. */
const MAX_CAPTION_CHARS = 300
/** A dek is a sentence or two; a "summary" wrapper longer than this holds the body, not a dek. */
const MAX_DEK_CHARS = 600

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

/** Words of class/id, split at -, _ and camelCase: "photoCredit", "image-credit", "l-article__dek". */
function nameWords(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .map((word) => word.toLowerCase())
}

function saysCaption(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.id}`.replace(NEGATED_CAPTION, ' ')
  return /caption/i.test(names) || nameWords(names).some((word) => CAPTION_WORDS.has(word))
}

function isDek(el: Element): boolean {
  const itemprop = (el.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/)
  // Some blogs mark the whole post "description articleBody".
  if (itemprop.includes('articlebody')) return false
  const named =
    el.localName === 'header' ||
    itemprop.some((word) => DEK_WORDS.has(word)) ||
    nameWords(el.getAttribute('class') ?? '').some((word) => DEK_WORDS.has(word))
  return named && weightedLength(collapseWhitespace(el.textContent ?? '')) <= MAX_DEK_CHARS
}

function isHidden(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    SCREEN_READER_ONLY.test(el.getAttribute('class') ?? '')
  )
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

  const flush = (ctx: Context) => {
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
      blocks.push({
        text,
        kind: ctx.kind,
        caption:
          ctx.caption || (afterImage && share(italicChars) >= ALL_OF_IT && weightedLength(text) <= MAX_CAPTION_CHARS),
        linkDensity: share(linkChars),
        dek: ctx.dek,
        bold: share(boldChars) >= ALL_OF_IT,
      })
      afterImage = false
    }
    buffer = ''
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
      if (isHidden(el)) continue
      if (tag === 'img' || tag === 'picture') afterImage = true
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
          walk(el, inline)
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
        caption: ctx.caption || tag === 'figure' || tag === 'figcaption' || saysCaption(el),
        pre: ctx.pre || tag === 'pre',
        dek: ctx.dek || isDek(el),
      }
      walk(el, inner)
      flush(inner)
    }
  }

  const top: Context = {
    kind: 'other',
    caption: false,
    pre: false,
    dek: false,
    link: false,
    bold: false,
    italic: false,
  }
  walk(root, top)
  flush(top)
  return blocks
}
