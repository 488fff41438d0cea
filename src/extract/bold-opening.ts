/**
 * A lede set in bold: many stories open with a sentence in bold above the
 * plain body, with no class that names it. A short bold paragraph is
 * otherwise read as a subheading; the story's first one, a whole sentence
 * of some words with a plain paragraph of the story straight below it, is
 * the opening of the story.
 */
import type { Block } from './blocks.js'

/** A subheading is a few words; an opening sentence is longer. */
const MIN_WORDS = 6
/** A full stop or exclamation ends a sentence; a question or colon heads a section. */
const ENDS_STATEMENT = /[.!…。！]["'”’»)\]]*$/u

const isPlainParagraph = (block: Block) => block.kind === 'p' && !block.bold

function isBoldOpening(block: Block, isProse: (block: Block) => boolean): boolean {
  return (
    block.bold &&
    block.kind === 'p' &&
    ENDS_STATEMENT.test(block.text) &&
    block.text.split(/\s+/).length >= MIN_WORDS &&
    isProse({ ...block, bold: false })
  )
}

/** The blocks, the story's opening sentence set in bold read as a paragraph when it is one. */
export function withBoldOpening(blocks: readonly Block[], isProse: (block: Block) => boolean): readonly Block[] {
  const at = blocks.findIndex((block) => isProse(block) || isBoldOpening(block, isProse))
  const next = blocks[at + 1]
  if (at === -1 || isProse(blocks[at]!) || !next || !isPlainParagraph(next) || !isProse(next)) return blocks
  return blocks.map((block, i) => (i === at ? { ...block, bold: false } : block))
}
