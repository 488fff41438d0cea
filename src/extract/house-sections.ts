/**
 * The closing sections of a page that are about the house or the author,
 * not the story: a section headed with the site's own name (its ad for
 * itself) or introducing the author ("About Jane Doe"), and every author's
 * bio between such a heading and the next.
 */
import type { Block } from './blocks.js'
import { endsLikeSentence, textKey, weightedLength } from './text.js'
import { siteKey } from './title.js'

/** "About Jane Doe", "Über den Autor": the heading of an author's bio. */
const ABOUT_AUTHOR =
  /^(?:[Aa]bout|[Üü]ber|[Àà] propos de|[Ss]obre|[Aa]cerca de|[Oo]|[Ss]u|[Oo]ver)\s+(?:(?:[Tt]he|[Dd]en|[Dd]ie|[Ee]l|[Ll]a|[Dd]e) [Aa]ut(?:hor|or|orin|ora|eur)|[Ll]['’](?:auteur|autore)|[Aa]utorze|\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){1,3})\s*:?$/u
/** A heading this long is a subheading of the story, not a section label. */
const MAX_HOUSE_HEADING = 80
/** A closing house section is a few blocks and a small share of the text; a longer one is the article (a company's own page). */
const MAX_HOUSE_BLOCKS = 3
const MAX_HOUSE_SHARE = 1 / 3

/** A heading, or a bold line that is no sentence: how pages label a section. */
export const isHeadingLike = (block: Block) => block.kind === 'heading' || (block.bold && !endsLikeSentence(block.text))

/**
 * The article less its closing section when that section's heading names
 * the site itself ("Gut versorgt mit energiehoch3": the house's own ad) or
 * introduces the author ("About Jane Doe"): the story has ended by then.
 * Only a short closing section goes.
 */
export function withoutHouseSection(
  blocks: readonly Block[],
  siteNames: ReadonlyArray<string | null>,
): readonly Block[] {
  const sites = siteNames.map((name) => (name ? siteKey(name) : '')).filter((key) => key.length >= 4)
  for (let i = blocks.length - 1; i > 0; i--) {
    const block = blocks[i]!
    if (!isHeadingLike(block)) continue
    if (weightedLength(block.text) > MAX_HOUSE_HEADING) return blocks
    const rest = blocks.slice(i + 1)
    const chars = (list: readonly Block[]) => list.reduce((sum, b) => sum + b.text.length, 0)
    if (rest.length > MAX_HOUSE_BLOCKS || chars(rest) > MAX_HOUSE_SHARE * chars(blocks)) return blocks
    const key = textKey(block.text)
    return ABOUT_AUTHOR.test(block.text) || sites.some((site) => key.includes(site)) ? blocks.slice(0, i) : blocks
  }
  return blocks
}

/**
 * The article less every author's bio: from a heading that introduces the
 * author ("About Jane Doe", "Über Simon Dückert") to the next heading. A page
 * whose only text is such a bio has no article to quote.
 */
export function withoutAuthorBios(blocks: readonly Block[]): readonly Block[] {
  const out: Block[] = []
  let inBio = false
  for (const block of blocks) {
    if (isHeadingLike(block)) inBio = ABOUT_AUTHOR.test(block.text)
    if (!inBio) out.push(block)
  }
  return out
}
