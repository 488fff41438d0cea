/**
 * A dek in a box of its own, however it is named: the sentence or two under
 * the headline that a page sets in another element than the story's
 * paragraphs (a "flash" box, a "Vorspann", a teaser's body), outside the box
 * that holds them. The story's paragraphs are alike (same tag and class) and
 * siblings; a short first paragraph marked up otherwise, in another box, is
 * the dek: the standfirst, not the lede. A lede set in a class of its own
 * among the story's paragraphs (a "first" or "lead" paragraph) shares their
 * box and stays.
 */
import { isHidden, saysCaption } from './class-hints.js'
import { markupOf } from './lead-in.js'
import { classifyParagraph } from './rules.js'
import { collapseWhitespace, endsLikeSentence, readsAsRunningText, weightedLength } from './text.js'

/** A paragraph of the story: this long and holding a sentence. */
const MIN_RUNNING_TEXT = 80
/** A dek is a sentence or two; a longer paragraph is the story's own opening. */
const MAX_DEK = 400
/** A dek is the page's own words, not a list of links. */
const MAX_LINK_SHARE = 0.3
/** The dek and the story's first two paragraphs. */
const WANTED = 3

const textOf = (el: Element) => collapseWhitespace(el.textContent ?? '')

function linkShare(p: Element, text: string): number {
  const links = Array.from(p.getElementsByTagName('a')).reduce((sum, a) => sum + textOf(a).length, 0)
  return text.length === 0 ? 0 : links / text.length
}

/** In a photo's caption or hidden, between the paragraph and `root`. */
function inCaption(p: Element, root: Element): boolean {
  for (let el: Element | null = p; el && el !== root; el = el.parentElement) {
    if (el.localName === 'figure' || el.localName === 'figcaption' || saysCaption(el) || isHidden(el)) return true
  }
  return false
}

function isStoryParagraph(p: Element, root: Element): boolean {
  const text = textOf(p)
  return (
    readsAsRunningText(text, MIN_RUNNING_TEXT) &&
    linkShare(p, text) <= MAX_LINK_SHARE &&
    classifyParagraph(text) === null &&
    !inCaption(p, root)
  )
}

/** A shorter paragraph the excerpt would quote all the same: a sentence, not a label or a credit. */
function isQuotable(p: Element, root: Element): boolean {
  const text = textOf(p)
  return endsLikeSentence(text) && classifyParagraph(text) === null && !inCaption(p, root)
}

/** The first paragraph of `root` when it is a dek boxed apart from the story's paragraphs; else null. */
export function findBoxedDek(root: Element): Element | null {
  const found: Element[] = []
  const walker = root.ownerDocument.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */)
  for (
    let p = walker.nextNode() as Element | null;
    p && found.length < WANTED;
    p = walker.nextNode() as Element | null
  ) {
    if (p.localName !== 'p') continue
    if (isStoryParagraph(p, root)) found.push(p)
    // The excerpt opens with a short paragraph before the first one judged here: that one is not its first.
    else if (found.length === 0 && isQuotable(p, root)) return null
  }
  const [dek, first, second] = found
  if (!dek || !first || !second) return null
  const body = markupOf(first)
  const alike = markupOf(second) === body && first.parentElement === second.parentElement
  const apart = markupOf(dek) !== body && dek.parentElement !== first.parentElement
  return alike && apart && weightedLength(textOf(dek)) <= MAX_DEK ? dek : null
}
