/**
 * A dek set apart by its markup alone: many pages set the sentence or two
 * between headline and body as a heading (an <h2 class="lead">, an <h3>, an
 * italic <h5>) or as a bold box of loose text, with no class that names it,
 * then the byline or dateline, then the story in plain paragraphs. The first
 * prose block so set, with the story's byline or dateline below it and the
 * body's paragraphs after that, is the dek: the standfirst, not the lede. A
 * heading straight above the body (or above only a photo) may be the lede
 * set large, and stays.
 */
import type { Block } from './blocks.js'
import { rejectParagraph } from './excerpt.js'
import { markAsidesAboveBody } from './asides-above-body.js'
import { textKey, weightedLength } from './text.js'

/** A dek is a sentence or two; a longer block is the story's own opening, set large. */
const MAX_DEK = 400
/** Plain paragraphs that must follow it: the body the dek sits above. */
const MIN_BODY = 2
/** Reasons a block between dek and body is not the story's meta line: a photo and its caption sit anywhere. */
const NOT_META: ReadonlySet<string | null> = new Set([null, 'caption', 'furniture'])

const isSetApart = (block: Block) => block.kind === 'heading' || (block.bold && block.kind !== 'p')
const isBodyParagraph = (block: Block) => block.kind === 'p' && !block.bold

/**
 * The blocks, with the first prose block marked as a dek when it is set apart above a meta line and plain
 * paragraphs, and the list items or quotes above the body marked too.
 */
export function markSetApartDek(blocks: readonly Block[], title: string): readonly Block[] {
  return markSetApartBlock(markAsidesAboveBody(blocks, title), title)
}

function markSetApartBlock(blocks: readonly Block[], title: string): readonly Block[] {
  const titleKey = textKey(title)
  // Only the blocks up to the third prose one are judged here: the excerpt judges them all again later.
  const reasons: ReturnType<typeof rejectParagraph>[] = []
  const prose: number[] = []
  for (let i = 0; i < blocks.length && prose.length <= MIN_BODY; i++) {
    reasons.push(rejectParagraph(blocks[i]!, titleKey))
    if (reasons[i] === null) prose.push(i)
  }
  const [first, ...body] = prose
  if (first === undefined || body.length < MIN_BODY) return blocks
  const dek = blocks[first]!
  if (!isSetApart(dek) || weightedLength(dek.text) > MAX_DEK) return blocks
  if (!body.every((i) => isBodyParagraph(blocks[i]!))) return blocks
  if (reasons.slice(first + 1, body[0]).every((reason) => NOT_META.has(reason))) return blocks
  return blocks.map((block, i) => (i === first ? { ...block, dek: true } : block))
}
