/**
 * The opening of a story that Readability left out. Pages split a story into
 * boxes (an intro box above a table, the first paragraphs before an ad break
 * that opens a new section), and Readability keeps the box with most text.
 * The paragraphs between the headline and the first one it kept, marked up
 * as the kept paragraphs are (same tag and class), reading as sentences and
 * not set in a dek, caption or furniture box, are the story's start: they go
 * back in front of the article.
 */
import { isDek, isHidden, saysCaption, saysFurniture } from './class-hints.js'
import { collapseWhitespace, readsAsRunningText, textKey, weightedLength } from './text.js'

export interface PageParagraph {
  el: Element
  /** Tag and class: how the page marks up this kind of paragraph. */
  markup: string
  text: string
  /** Its ancestors as parsed, nearest first. */
  ancestors: readonly Element[]
}

/** The page's paragraphs and headlines in reading order, as parsed: Readability moves and drops elements later. */
export type PageOutline = readonly PageParagraph[]

/** Running text: a paragraph this long, holding or ending in a sentence, mostly not links. */
const MIN_RUNNING_TEXT = 80
const MAX_LINK_SHARE = 0.3
/** One paragraph above the body is a dek or a teaser; the story's own start is at least two, and more than a greeting. */
const MIN_LEAD_IN = 2
const MIN_LEAD_IN_CHARS = 400
const MIN_TITLE_KEY = 10
/** Where pages set the story's headline (some set the site's name in the h1). */
const HEADLINE_TAGS: ReadonlySet<string> = new Set(['h1', 'h2'])

export function outlinePage(document: Document): PageOutline {
  const outline: PageParagraph[] = []
  if (!document.body) return outline
  const walker = document.createTreeWalker(document.body, 1 /* NodeFilter.SHOW_ELEMENT */)
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
    if (el.localName !== 'p' && !HEADLINE_TAGS.has(el.localName)) continue
    const ancestors: Element[] = []
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) ancestors.push(up)
    outline.push({ el, markup: markupOf(el), text: collapseWhitespace(el.textContent ?? ''), ancestors })
  }
  return outline
}

/** Puts back, in front of `content`, the story's opening paragraphs that Readability left between the headline and its first paragraph. */
export function addLeadIn(content: Element, outline: PageOutline, title: string): void {
  const first = Array.from(content.getElementsByTagName('p')).find(isRunningText)
  if (!first) return
  const markup = markupOf(first)
  const text = collapseWhitespace(first.textContent ?? '')
  const at = outline.findIndex((item) => item.el === first || (item.markup === markup && item.text === text))
  const titleKey = textKey(title)
  if (at <= 0 || titleKey.length < MIN_TITLE_KEY) return
  const shared = new Set(outline[at]!.ancestors)
  const leadIn: Element[] = []
  for (let i = at - 1; i >= 0; i--) {
    const item = outline[i]!
    // A repeat of the headline over a box inside the story (a table's title) is passed over.
    if (HEADLINE_TAGS.has(item.el.localName) && isHeadline(item.text, titleKey) && isLongEnough(leadIn)) {
      const top = content.querySelector('#readability-page-1') ?? content
      top.prepend(...leadIn.reverse().map((el) => el.cloneNode(true)))
      return
    }
    if (item.markup === markup && !content.contains(item.el) && isRunningText(item.el) && !inBox(item, shared)) {
      leadIn.push(item.el)
    }
  }
}

function isLongEnough(leadIn: readonly Element[]): boolean {
  const chars = leadIn.reduce((sum, el) => sum + weightedLength(collapseWhitespace(el.textContent ?? '')), 0)
  return leadIn.length >= MIN_LEAD_IN && chars >= MIN_LEAD_IN_CHARS
}

function markupOf(el: Element): string {
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean).sort()
  return [el.localName, ...classes].join('.')
}

function isHeadline(text: string, titleKey: string): boolean {
  const key = textKey(text)
  return key.length >= MIN_TITLE_KEY && (key.includes(titleKey) || titleKey.includes(key))
}

function isRunningText(p: Element): boolean {
  const text = collapseWhitespace(p.textContent ?? '')
  if (!readsAsRunningText(text, MIN_RUNNING_TEXT)) return false
  const links = Array.from(p.getElementsByTagName('a')).reduce((sum, a) => sum + (a.textContent ?? '').length, 0)
  return links <= MAX_LINK_SHARE * text.length
}

/** In a dek, caption or furniture box of its own, or hidden: boxes that also hold the kept paragraph do not count. */
function inBox(item: PageParagraph, shared: ReadonlySet<Element>): boolean {
  for (const el of [item.el, ...item.ancestors]) {
    if (shared.has(el)) return false
    if (isHidden(el) || isDek(el) || saysCaption(el) || saysFurniture(el)) return true
  }
  return false
}
