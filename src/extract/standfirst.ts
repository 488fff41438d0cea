/**
 * The standfirst as the page sets it under its headline, read before
 * Readability runs: Readability often drops the story's header, dek and all,
 * so the excerpt's own blocks never see it.
 */
import { saysCaption, saysDek } from './class-hints.js'
import { dateIndex } from './date-text.js'
import { afterSubtree, nextElement } from './dom-walk.js'
import { readsAsDek } from './excerpt.js'
import { headerParagraphs } from './header-paragraphs.js'
import { collapseWhitespace, readsAsRunningText, textKey, weightedLength } from './text.js'

/** Elements after the headline searched for its dek: a header holds a few, not the whole page. */
const MAX_ELEMENTS_AFTER_HEADLINE = 40
/** A paragraph this long after the headline is the lede: the dek, if any, came before it. */
const LEDE_LENGTH = 150

/**
 * The first element named as a dek after the page's <h1>, before the body
 * starts, or the first heading set in the headline's own box; null when
 * there is none.
 */
export function findHeaderDek(document: Document, title: string): string | null {
  const headline = document.body?.getElementsByTagName('h1')[0]
  if (!headline) return null
  const titleKey = textKey(title)
  const isStory = isStoryHeadline(headline, titleKey)
  const box = isStory ? headlineBox(headline) : headline
  let seen = 0
  for (let el = afterSubtree(headline); el && seen < MAX_ELEMENTS_AFTER_HEADLINE; el = nextElement(el), seen++) {
    if (el.localName === 'h1') return null
    // A "summary" that holds paragraphs is the article itself, not its dek; a "description" in a caption describes the photo.
    if (saysDek(el) && el.getElementsByTagName('p').length <= 1) {
      const text = collapseWhitespace(el.textContent ?? '')
      return readsAsDek(text, titleKey) && !inCaption(el) ? text : null
    }
    // Other headings in the box are labels, kickers or the post's meta line: passed over.
    if (SUBHEADING_TAGS.has(el.localName) && box.contains(el)) {
      const text = collapseWhitespace(el.textContent ?? '')
      if (readsAsDek(text, titleKey) && dateIndex(text) === -1 && !inCaption(el)) return text
    }
    if (el.localName === 'p' && weightedLength(collapseWhitespace(el.textContent ?? '')) >= LEDE_LENGTH) return null
    // Plain paragraphs that sit with the headline rather than with the story are its dek, named or not.
    if (el.localName === 'p' && isStory) {
      const text = headerParagraphs(el, headline, box)
      if (text && readsAsDek(text, titleKey) && dateIndex(text) === -1 && !inCaption(el)) return text
    }
  }
  return null
}

const SUBHEADING_TAGS: ReadonlySet<string> = new Set(['h2', 'h3', 'h4', 'h5', 'h6'])
const MIN_TITLE_KEY = 10
/** A paragraph of the story: this long and holding a sentence. */
const MIN_RUNNING_TEXT = 80
/** A header holds a kicker, headline, dek, date and caption; a box with more text holds the story (written without <p>). */
const MAX_BOX_TEXT = 1000

const isRunningText = (p: Element) => readsAsRunningText(collapseWhitespace(p.textContent ?? ''), MIN_RUNNING_TEXT)

/**
 * The <h1> is the story's headline ("Headline | Site" starts with it, "Kicker: Headline | Site" holds it), not the
 * site's name set as one ("Headline | Site" ends with that).
 */
function isStoryHeadline(headline: Element, titleKey: string): boolean {
  const key = textKey(headline.textContent ?? '')
  if (key.length < MIN_TITLE_KEY) return false
  return key.includes(titleKey) || titleKey.startsWith(key) || (titleKey.includes(key) && !titleKey.endsWith(key))
}

/**
 * The largest box around the headline that holds none of the story's
 * paragraphs, nor much text: the header the page groups the headline, kicker, photo and
 * dek in. A heading there sits apart from the body, as deks do; the lede
 * set as a heading sits among the body's paragraphs.
 */
function headlineBox(headline: Element): Element {
  let box = headline
  for (let up = headline.parentElement; up && up !== up.ownerDocument.body; up = up.parentElement) {
    if (weightedLength(collapseWhitespace(up.textContent ?? '')) > MAX_BOX_TEXT) break
    if (Array.from(up.getElementsByTagName('p')).some(isRunningText)) break
    box = up
  }
  return box
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
  // A dek of several short paragraphs opens the article as those paragraphs.
  let opening = ''
  for (let n = 1; n < paragraphs.length; n++) {
    opening += textKey(paragraphs[n - 1]!)
    if (opening === key) return { standfirst: headerDek, paragraphs: paragraphs.slice(n) }
    if (!key.startsWith(opening)) break
  }
  return { standfirst: paragraphs.some((p) => textKey(p).includes(key)) ? null : headerDek, paragraphs }
}
