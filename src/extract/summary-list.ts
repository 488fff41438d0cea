/**
 * Summary bullets: a press release or an explainer often opens with a list
 * of its main points under the headline ("Das Wichtigste in Kürze", "Key
 * points"), then tells the story in paragraphs. Items that read as
 * sentences and come before the story's first plain paragraph, with the
 * body's paragraphs after them, are that summary: a dek, not the lede.
 */
import type { Block } from './blocks.js'
import { rejectParagraph } from './excerpt.js'
import { textKey } from './text.js'

/** Plain paragraphs that must follow the list: the story it summarises. */
const MIN_BODY = 2
/** A summary is a few points; a longer list is the content itself (a post's list of changes, a listicle). */
const MAX_POINTS = 5

const isBodyParagraph = (block: Block) => block.kind === 'p' && !block.bold

/** The blocks, with the list items above the story's first plain paragraph marked as a dek when they read as its summary. */
export function markSummaryList(blocks: readonly Block[], title: string): readonly Block[] {
  const titleKey = textKey(title)
  let points = 0
  let bodyStart = -1
  let body = 0
  for (let i = 0; i < blocks.length && body < MIN_BODY; i++) {
    const block = blocks[i]!
    if (rejectParagraph(block, titleKey) !== null) continue
    if (isBodyParagraph(block)) {
      if (body++ === 0) bodyStart = i
    } else if (body > 0) break
    else if (block.kind === 'item') points++
    else return blocks
  }
  if (points === 0 || body < MIN_BODY) return blocks
  const isPoint = (block: Block, i: number) => i < bodyStart && block.kind === 'item'
  // Every item above the body counts: the summary's short points as well as those that read as sentences.
  if (blocks.filter(isPoint).length > MAX_POINTS) return blocks
  return blocks.map((block, i) => (isPoint(block, i) ? { ...block, dek: true } : block))
}
