/**
 * The standfirst as the page sets it under its headline, read before
 * Readability runs: Readability often drops the story's header, dek and all,
 * so the excerpt's own blocks never see it.
 */
import { saysCaption, saysDek } from './class-hints.js'
import { readsAsDek } from './excerpt.js'
import { collapseWhitespace, textKey, weightedLength } from './text.js'

/** Elements after the headline searched for its dek: a header holds a few, not the whole page. */
const MAX_ELEMENTS_AFTER_HEADLINE = 40
/** A paragraph this long after the headline is the lede: the dek, if any, came before it. */
const LEDE_LENGTH = 150

/** The first element named as a dek after the page's <h1>, before the body starts; null when there is none. */
export function findHeaderDek(document: Document, title: string): string | null {
  const headline = document.body?.getElementsByTagName('h1')[0]
  if (!headline) return null
  const titleKey = textKey(title)
  let seen = 0
  for (let el = afterSubtree(headline); el && seen < MAX_ELEMENTS_AFTER_HEADLINE; el = nextElement(el), seen++) {
    if (el.localName === 'h1') return null
    // A "summary" that holds paragraphs is the article itself, not its dek; a "description" in a caption describes the photo.
    if (saysDek(el) && el.getElementsByTagName('p').length <= 1) {
      const text = collapseWhitespace(el.textContent ?? '')
      return readsAsDek(text, titleKey) && !inCaption(el) ? text : null
    }
    if (el.localName === 'p' && weightedLength(el.textContent ?? '') >= LEDE_LENGTH) return null
  }
  return null
}

/** How far above a "description" the caption holding it may be: a page's header names its own caption styles. */
const MAX_CAPTION_DEPTH = 2

function inCaption(el: Element): boolean {
  let node: Element | null = el
  for (let depth = 0; node && depth <= MAX_CAPTION_DEPTH; depth++, node = node.parentElement) {
    if (node.localName === 'figure' || node.localName === 'figcaption' || saysCaption(node)) return true
  }
  return false
}

/** The next element in document order. */
function nextElement(el: Element): Element | null {
  return el.firstElementChild ?? afterSubtree(el)
}

/** The next element in document order after `el` and everything inside it. */
function afterSubtree(el: Element): Element | null {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.nextElementSibling) return node.nextElementSibling
  }
  return null
}

/**
 * The standfirst and the paragraphs to quote. Readability keeps a dek it
 * took for the article's first paragraph (a text-only box turned into a
 * <p>, its class lost): when the first paragraph is exactly the header's
 * dek, it is the standfirst and the excerpt starts after it. A dek the
 * article's text repeats inside a longer paragraph is the lede's opening:
 * no standfirst then.
 */
export function separateStandfirst(
  paragraphs: readonly string[],
  fromBlocks: string | null,
  headerDek: string | null,
): { standfirst: string | null; paragraphs: readonly string[] } {
  if (fromBlocks || !headerDek) return { standfirst: fromBlocks, paragraphs }
  const key = textKey(headerDek)
  if (paragraphs.length > 1 && textKey(paragraphs[0]!) === key) {
    return { standfirst: headerDek, paragraphs: paragraphs.slice(1) }
  }
  return { standfirst: paragraphs.some((p) => textKey(p).includes(key)) ? null : headerDek, paragraphs }
}
