/**
 * Authors the page names in its markup and its printed byline: microdata
 * (itemprop="author"), rel="author" links and "By …" lines in elements whose
 * class says they hold the byline. Raw text: cleaned to names later.
 */
import { placeOf } from './page-place.js'

/** Class or id of an element that holds the byline or an author's name. */
export const AUTHOR_HINT = /byline|author|autor|writer|creator|reporter/i
const ASIDE_CLASS =
  /comment|related|sidebar|widget|teaser|recommend|popular|trending|most-read|promo|footer|menu|bio\b/i
/** "By", "Von", "Par", "Por", "Door", "Przez", "Author:": a printed byline's first word. */
const BY =
  /^\s*(?:(?:(?:written|posted|reported|story|words|text)\s+)?(?:by|von|par|por|door|przez)\s*:?|(?:author|autor|autorin|auteur)\s*:)\s*\S/i
const MAX_NAME = 100
const MAX_LINE = 150

const hasToken = (value: string | null, token: string) => (value ?? '').toLowerCase().split(/\s+/).includes(token)
/** Its text, a run printed twice in a row given once ("Jane DoeJane Doe": once more for screen readers). */
const textOf = (el: Element) =>
  (el.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<![\p{L}\d])([\p{L}\d][\p{L}\d'’., -]{4,}?[\p{L}\d]) ?\1(?![\p{L}\d])/gu, '$1')

/** The name a microdata author element gives: its itemprop="name" (or given and family names), else its text. */
function microdataName(el: Element): string {
  const parts: string[] = []
  for (const child of el.querySelectorAll('[itemprop]')) {
    const prop = (child.getAttribute('itemprop') ?? '').toLowerCase()
    if (/\b(?:name|givenname|familyname)\b/.test(prop)) parts.push(child.getAttribute('content') ?? textOf(child))
  }
  return parts.length > 0 ? parts.join(' ') : (el.getAttribute('content') ?? textOf(el))
}

export interface PageAuthors {
  /** Marked up as authors, best first: microdata, then rel="author" links (those beside the first, as co-authors). */
  marked: string[][]
  /** The first printed "By" line. */
  printed: string | null
}

/** `headline`: the page's headline, whose containers are the article's whatever their classes say. */
export function readPageAuthors(elements: readonly Element[], headline: Element | null = null): PageAuthors {
  const microdata: Element[] = []
  const linked: Element[] = []
  // Co-authors of one byline sit side by side; the same markup further down names commenters or answerers.
  const beside = (found: Element[], el: Element) =>
    (found.length === 0 || found[0]!.parentElement === el.parentElement) && found.push(el)
  let printed: string | null = null
  for (const el of elements) {
    if (placeOf(el, ASIDE_CLASS, headline) === 'outside') continue
    if (el.localName !== 'meta' && hasToken(el.getAttribute('itemprop'), 'author')) beside(microdata, el)
    else if (el.localName === 'a' && hasToken(el.getAttribute('rel'), 'author')) beside(linked, el)
    else if (printed === null) {
      const text = textOf(el)
      if (text.length <= MAX_LINE && BY.test(text)) printed = text
    }
  }
  const names = (found: Element[], nameOf: (el: Element) => string | null) => {
    const unique = [...new Set(found.map(nameOf))].filter((name): name is string => !!name && name.length <= MAX_NAME)
    return unique.length > 0 ? [unique] : []
  }
  return {
    marked: [...names(microdata, microdataName), ...names(linked, textOf)],
    printed,
  }
}
