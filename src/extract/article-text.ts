/** The article's text for search and fingerprints, as opposed to the excerpt quoted to readers. */
import type { Block } from './blocks.js'
import { repeatedLater } from './excerpt.js'
import { classifyParagraph } from './rules.js'
import { endsLikeSentence, weightedLength } from './text.js'

/** A block this much link text is a link (a related headline, a share button), not the article's text. */
const LINKED = 0.5
/** A line this short that does not end like a sentence is a label: "More from the Ledger", "Share this". */
const MAX_LABEL = 60

/**
 * The whole article as plain text for search and fingerprints: every block
 * but captions, credits, furniture, notices and repeats, and without the run
 * of links and labels after the last paragraph (a "related" box, a share
 * bar). Link lists inside the article (a contents list, sources) stay.
 * Blank lines between blocks.
 */
export function articleText(blocks: readonly Block[]): string {
  const repeats = repeatedLater(blocks)
  const end = endOfArticle(blocks)
  const seen = new Set<string>()
  const parts: string[] = []
  blocks.slice(0, end).forEach((block, i) => {
    if (block.kind !== 'pre' && (repeats.has(i) || isFurniture(block))) return
    const key = `${block.kind}:${block.text}`
    if (block.kind !== 'pre' && seen.has(key)) return
    seen.add(key)
    parts.push(block.text)
  })
  return parts.join('\n\n')
}

function isFurniture(block: Block): boolean {
  return block.caption || block.furniture || classifyParagraph(block.text) !== null
}

const isLabel = (block: Block) =>
  block.kind === 'heading' || (weightedLength(block.text) <= MAX_LABEL && !endsLikeSentence(block.text))

/**
 * Where the article ends: before the trailing run of links, furniture and
 * labels, when that run holds at least one link or piece of furniture (a list
 * of ingredients or facts at the end is all labels, and stays).
 */
function endOfArticle(blocks: readonly Block[]): number {
  let end = blocks.length
  let furnished = false
  while (end > 0) {
    const block = blocks[end - 1]!
    if (block.kind === 'pre') break
    const linked = block.linkDensity >= LINKED || isFurniture(block)
    if (!linked && !isLabel(block)) break
    furnished ||= linked
    end--
  }
  return furnished ? end : blocks.length
}
