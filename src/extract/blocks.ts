/**
 * Flattens Readability's article element into text blocks in reading order:
 * each run of inline text between block boundaries becomes one block, tagged
 * with what kind of element holds it and whether it sits in a caption.
 */

export type BlockKind = 'p' | 'heading' | 'item' | 'quote' | 'pre' | 'cell' | 'other'

export interface Block {
  text: string
  kind: BlockKind
  /** Inside a figure/figcaption or an element whose class/id says caption or credit. */
  caption: boolean
  /** Share of the text that is link text. */
  linkDensity: number
}

interface Context {
  kind: BlockKind
  caption: boolean
  pre: boolean
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
  p: 'p', h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading',
  li: 'item', dd: 'item', dt: 'item', blockquote: 'quote', pre: 'pre', td: 'cell', th: 'cell',
}
const SCREEN_READER_ONLY = /(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)|a11y-hidden|offscreen)(?:\s|$)/i
const CAPTION_WORDS: ReadonlySet<string> = new Set(['caption', 'captions', 'figcaption', 'credit', 'credits', 'cutline'])

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

function saysCaption(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.id}`
  if (/caption/i.test(names)) return true
  // Words of class/id, split at -, _ and camelCase: "photoCredit", "image-credit".
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .some((word) => CAPTION_WORDS.has(word.toLowerCase()))
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
  let linkChars = 0

  const flush = (ctx: Context) => {
    const text = ctx.pre
      ? buffer.replace(/[ \t\u00a0]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/^\s*\n|\s+$/g, '')
      : buffer.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '').replace(/\s+/g, ' ').trim()
    if (/[\p{L}\p{N}]/u.test(text)) {
      const total = buffer.replace(/\s+/g, '').length
      blocks.push({ text, kind: ctx.kind, caption: ctx.caption, linkDensity: total ? Math.min(1, linkChars / total) : 0 })
    }
    buffer = ''
    linkChars = 0
  }

  const walk = (parent: Element, ctx: Context, inLink: boolean) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 /* TEXT_NODE */) {
        const data = node.nodeValue ?? ''
        buffer += data
        if (inLink) linkChars += data.replace(/\s+/g, '').length
        continue
      }
      if (node.nodeType !== 1 /* ELEMENT_NODE */) continue
      const el = node as Element
      const tag = el.localName
      if (SKIPPED_TAGS.has(tag) || isHidden(el)) continue
      if (tag === 'br') {
        buffer += ctx.pre ? '\n' : ' '
        continue
      }
      if (!BLOCK_TAGS.has(tag)) {
        walk(el, ctx, inLink || tag === 'a')
        continue
      }
      flush(ctx)
      const inner: Context = {
        kind: innerKind(tag, ctx.kind),
        caption: ctx.caption || tag === 'figure' || tag === 'figcaption' || saysCaption(el),
        pre: ctx.pre || tag === 'pre',
      }
      walk(el, inner, inLink)
      flush(inner)
    }
  }

  walk(root, { kind: 'other', caption: false, pre: false }, false)
  flush({ kind: 'other', caption: false, pre: false })
  return blocks
}
