/**
 * A place dateline the page sets as its own line above the lede
 * ("Berlin/Potsdam.", "SAN JOSÉ."): in print it opens the lede's first
 * sentence, so it goes back in front of the paragraph below it instead of
 * being quoted as a paragraph of its own. (A line ending in a dash or colon
 * is no paragraph anyway: the lede already comes first there.)
 */
import type { Block } from './blocks.js'
import { weightedLength } from './text.js'

/** A place names a few words; a line longer than this is a sentence. */
const MAX_PLACE = 40
/** One to four capitalised names joined by "/", "," or "-", and a full stop. */
const PLACE_LINE = /^\p{Lu}[\p{L}'’.]*(?:(?:\s*[/,-]\s*|\s+)\p{Lu}[\p{L}'’.]*){0,3}\s*\.$/u
/** The paragraph it opens starts a sentence. */
const SENTENCE_START = /^["'„“«‚‘]?\p{Lu}/u

function isPlaceLine(text: string): boolean {
  return weightedLength(text) <= MAX_PLACE && PLACE_LINE.test(text)
}

/**
 * The blocks with each place dateline that would be quoted as a paragraph
 * joined to the front of the quoted paragraph that follows it.
 */
export function withPlaceDatelines(blocks: readonly Block[], isProse: (block: Block) => boolean): readonly Block[] {
  const out: Block[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!
    const next = blocks[i + 1]
    if (next && isPlaceLine(block.text) && SENTENCE_START.test(next.text) && isProse(block) && isProse(next)) {
      out.push({ ...next, text: `${block.text} ${next.text}` })
      i++
    } else {
      out.push(block)
    }
  }
  return out
}
