/**
 * Which `without` snippets found in an excerpt are labels the article also
 * names. A person marked a tag, a name or a menu item as boilerplate
 * ("Corte Suprema", "Chris Eubank Jr.", "Hunderassen"); when the lede writes
 * the same words in a sentence of its own, a substring test finds them in the
 * excerpt although nothing leaked. Such a snippet is one the page shows as
 * the whole text of an element (the label the person saw), and that the
 * excerpt holds only inside longer paragraphs.
 */
import { parsePage } from '../src/extract/parse-page.js'

/** The snippets of `leaked` that are labels the excerpt's paragraphs only mention; `norm` as the bench compares text. */
export function labelsAlsoInArticle(
  html: string,
  leaked: readonly string[],
  paragraphs: readonly string[],
  norm: (s: string) => string,
): string[] {
  const mentioned = leaked.filter((s) => paragraphs.every((p) => norm(p) !== norm(s)))
  if (mentioned.length === 0) return []
  const document = parsePage(html)
  const labels = new Set<string>()
  for (const el of document.querySelectorAll('body *')) {
    if (el.localName !== 'script' && el.localName !== 'style') labels.add(norm(el.textContent ?? ''))
  }
  return mentioned.filter((s) => labels.has(norm(s)))
}
