/**
 * Lists of other articles' teasers: a linked title with its summary under
 * it, item after item (a feed widget, a "latest posts" box). Readability
 * sometimes takes such a box for the article; its summaries read like prose
 * but belong to other pages.
 */
import type { Block } from './blocks.js'

/** A linked title is (nearly) all link text; its summary has next to none. */
const LINKED_TITLE = 0.9
const PLAIN_SUMMARY = 0.1
/** This many titled summaries in a row make a list of teasers; one or two are an article's own links. */
const MIN_TEASERS = 3

const isLinkedTitle = (block: Block) => block.kind === 'item' && block.linkDensity >= LINKED_TITLE
const isSummaryOf = (title: Block, block: Block | undefined) =>
  block !== undefined && block.kind === title.kind && block.linkDensity <= PLAIN_SUMMARY

/** The blocks less every run of at least MIN_TEASERS list items that pair a linked title with its summary. */
export function withoutTeaserLists(blocks: readonly Block[]): readonly Block[] {
  const pairedAt = (j: number) => {
    const title = blocks[j]
    return title !== undefined && isLinkedTitle(title) && isSummaryOf(title, blocks[j + 1])
  }
  const teasers = new Set<number>()
  let i = 0
  while (i < blocks.length) {
    let end = i
    while (pairedAt(end)) end += 2
    const pairs = (end - i) / 2
    if (pairs >= MIN_TEASERS) for (let j = i; j < end; j++) teasers.add(j)
    i = pairs > 0 ? end : i + 1
  }
  return teasers.size === 0 ? blocks : blocks.filter((_, index) => !teasers.has(index))
}
