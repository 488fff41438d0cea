/**
 * What a page sets above the story before its first plain paragraph, in
 * list or quote markup: a press release or explainer opens with a short
 * list of its main points ("Das Wichtigste in Kürze", "Key points"), a
 * review with the publisher's blurb or an epigraph set as a block quote.
 * Items or quotes that read as sentences, above the body's paragraphs with
 * no prose of the page's own before them, are not the lede: they are marked
 * as a dek.
 */
import type { Block } from './blocks.js'
import { rejectParagraph } from './excerpt.js'
import { textKey } from './text.js'

/** Plain paragraphs that must follow: the story the aside stands above. */
const MIN_BODY = 2
/** A summary is a few points; a longer list is the content itself (a post's list of changes, a listicle). */
const MAX_ASIDES = 5

const isBodyParagraph = (block: Block) => block.kind === 'p' && !block.bold
const isAsideKind = (block: Block) => block.kind === 'item' || block.kind === 'quote'

/** The blocks, with the list items and quotes above the story's first plain paragraph marked as a dek. */
export function markAsidesAboveBody(blocks: readonly Block[], title: string): readonly Block[] {
  const titleKey = textKey(title)
  let asides = 0
  let bodyStart = -1
  let body = 0
  for (let i = 0; i < blocks.length && body < MIN_BODY; i++) {
    const block = blocks[i]!
    if (rejectParagraph(block, titleKey) !== null) continue
    if (isBodyParagraph(block)) {
      if (body++ === 0) bodyStart = i
    } else if (body > 0) break
    else if (isAsideKind(block)) asides++
    else return blocks
  }
  if (asides === 0 || body < MIN_BODY) return blocks
  const isAside = (block: Block, i: number) => i < bodyStart && isAsideKind(block)
  // Every item above the body counts: the summary's short points as well as those that read as sentences.
  if (blocks.filter(isAside).length > MAX_ASIDES) return blocks
  return blocks.map((block, i) => (isAside(block, i) ? { ...block, dek: true } : block))
}
