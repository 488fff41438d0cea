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
  /**
   * A name printed alone, without "By", in elements whose class says they hold
   * the author ("article_author-name"): only when every such element of the
   * page names the same person (or user), since lists of posts sign each one.
   */
  named: string | null
}

/** A person's name alone: two to five words, each capitalised or a particle ("Jane van der Berg"), no digits. */
const BARE_NAME =
  /^\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|von|van|der|den|de|da|di|du|la|le|del|y|bin|al)){1,4}$/u

/** A user name ("uriebe", "link78"): it counts as another author, never as the byline. */
const HANDLE = /^[\p{Ll}\d][\p{L}\d._-]{2,29}$/u
/** Words of a link or heading in an author box that are capitalised like a name ("Über den Autor", "Alle Artikel"). */
const BOX_WORDS =
  /(?<!\p{L})(?:autor\p{L}*|author\p{L}*|über|about|mehr|more|alle|all|weitere|artikel|articles?|beiträge|posts?|profil\p{L}*|kontakt|contact|folgen|follow)(?!\p{L})/iu

/** Whether all the element's text stands in one element: a name, not a name glued to a "Contact" link beside it. */
function isOneRun(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */)
  let holder: Element | null = null
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue?.trim()) continue
    if (holder && holder !== node.parentElement) return false
    holder = node.parentElement
  }
  return true
}

/** `headline`: the page's headline, whose containers are the article's whatever their classes say. */
export function readPageAuthors(elements: readonly Element[], headline: Element | null = null): PageAuthors {
  const microdata: Element[] = []
  const linked: Element[] = []
  // Co-authors of one byline sit side by side; the same markup further down names commenters or answerers.
  const beside = (found: Element[], el: Element) =>
    (found.length === 0 || found[0]!.parentElement === el.parentElement) && found.push(el)
  let printed: string | null = null
  const named = new Set<string>()
  for (const el of elements) {
    if (placeOf(el, ASIDE_CLASS, headline) === 'outside') continue
    const text = textOf(el)
    if (((BARE_NAME.test(text) && !BOX_WORDS.test(text)) || HANDLE.test(text)) && isOneRun(el)) named.add(text)
    if (el.localName !== 'meta' && hasToken(el.getAttribute('itemprop'), 'author')) beside(microdata, el)
    else if (el.localName === 'a' && hasToken(el.getAttribute('rel'), 'author')) beside(linked, el)
    else if (printed === null && text.length <= MAX_LINE && BY.test(text)) printed = text
  }
  const names = (found: Element[], nameOf: (el: Element) => string | null) => {
    const unique = [...new Set(found.map(nameOf))].filter((name): name is string => !!name && name.length <= MAX_NAME)
    return unique.length > 0 ? [unique] : []
  }
  return {
    marked: [...names(microdata, microdataName), ...names(linked, textOf)],
    printed,
    named: named.size === 1 && BARE_NAME.test([...named][0]!) ? [...named][0]! : null,
  }
}
