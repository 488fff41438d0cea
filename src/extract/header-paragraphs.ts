/**
 * A dek set in plain paragraphs with no class that names it: the line or
 * two under the headline that sits with the headline, not with the story.
 * Either it is inside the headline's own box (the header that holds the
 * headline, kicker and byline), or it is the headline's neighbour while the
 * story's paragraphs sit together in a box of their own further down. A
 * paragraph beside the headline whose next paragraphs are its own siblings
 * is the story's lede.
 */
import { afterSubtree, nextElement } from './dom-walk.js'
import { collapseWhitespace, endsLikeSentence, readsAsRunningText } from './text.js'

/** A paragraph of the story: this long and holding a sentence. */
const MIN_RUNNING_TEXT = 80
/** A dek is the page's own words; a line mostly of links is a meta line or a list of the journal's, site's or author's pages. */
const MAX_LINK_SHARE = 0.3
/** Elements searched after the dek for the story's first paragraph: a header and a photo or two lie between. */
const MAX_ELEMENTS_TO_BODY = 200

const textOf = (el: Element) => collapseWhitespace(el.textContent ?? '')
const isRunningText = (el: Element) => el.localName === 'p' && readsAsRunningText(textOf(el), MIN_RUNNING_TEXT)

/**
 * The text of the paragraphs from `first` on that sit with the headline
 * (`box` is the headline's box, or the headline itself when its box holds
 * the story), joined; null when they sit with the story instead.
 */
export function headerParagraphs(first: Element, headline: Element, box: Element): string | null {
  const inBox = box !== headline && box.contains(first)
  const beside = first.parentElement === box.parentElement
  if (!inBox && !beside) return null
  const body = nextRunningText(first)
  if (!body || (beside && body.parentElement === first.parentElement)) return null
  const run = paragraphRun(first, body)
  const text = run.map(textOf).join(' ')
  return linkChars(run) <= MAX_LINK_SHARE * text.length ? text : null
}

function linkChars(run: readonly Element[]): number {
  return run.reduce(
    (sum, el) => sum + Array.from(el.getElementsByTagName('a')).reduce((chars, a) => chars + textOf(a).length, 0),
    0,
  )
}

/** `first` and the short sibling paragraphs straight after it, while each line before ends a sentence. */
function paragraphRun(first: Element, body: Element): Element[] {
  const run = [first]
  for (let next = first.nextElementSibling; next?.localName === 'p' && next !== body; next = next.nextElementSibling) {
    if (!endsLikeSentence(textOf(run.at(-1)!)) || !endsLikeSentence(textOf(next))) break
    run.push(next)
  }
  return run
}

/** The story's first paragraph after `first`. */
function nextRunningText(first: Element): Element | null {
  let el = afterSubtree(first)
  for (let seen = 0; el && seen < MAX_ELEMENTS_TO_BODY; el = nextElement(el), seen++) {
    if (isRunningText(el)) return el
  }
  return null
}
