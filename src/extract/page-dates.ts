/**
 * Every place a page states when it was published or updated, best source
 * first: meta tags (article:, parsely-, sailthru., Dublin Core…), microdata
 * and <time> wherever they sit, datelines printed in elements whose class
 * says they hold one, and the date in the URL's path.
 */
import { readDateText, readUrlDate } from './date-text.js'

/** What the page scan hands over: elements that may carry a date. */
export interface DateElements {
  times: readonly Element[]
  /** Elements other than <meta> with itemprop datePublished or dateModified. */
  microdata: readonly Element[]
  /** Small elements whose class or id says they hold a date ("post-date", "entry-meta", "byline"). */
  hinted: readonly Element[]
  /** The page's first <h1>: its neighbours print the dateline on many sites whose classes say nothing. */
  firstHeading: Element | null
}

export interface PageDates {
  /** Published times the markup states, best first. */
  published: string[]
  modified: string[]
  /** Weaker evidence, for pages whose markup states none: printed datelines, then <time> outside the article. */
  printedPublished: string[]
  printedModified: string[]
  urlDate: string | null
  /** Every date the page carries (all <time datetime>, date-like meta): where its zone may be told. */
  all: string[]
}

const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'og:published_time',
  'published_time',
  'parsely-pub-date',
  'sailthru.date',
  'pubdate',
  'publish-date',
  'publish_date',
  'publishdate',
  'published_date',
  'publication_date',
  'date_published',
  'original-publish-date',
  'cxenseparse:recs:publishtime',
  'citation_publication_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'dc.date.created',
  'dcterms.created',
  'dc.created',
  'pub_date',
  'cxenseparse:publishtime',
  // Many CMSs (and German public broadcasters) print the publication date under this bare name.
  'date',
]
const MODIFIED_KEYS = [
  'article:modified_time',
  'og:article:modified_time',
  'og:updated_time',
  'datemodified',
  'dc.date.modified',
  'dcterms.modified',
]

const OUTSIDE_ARTICLE: ReadonlySet<string> = new Set(['nav', 'aside'])
const ARTICLE_PARTS: ReadonlySet<string> = new Set(['article', 'main', 'header'])
/** Parts beside the article: their dates are a list's, a fact box's ("infobox") or a cited source's. */
const ASIDE_CLASS =
  /comment|related|sidebar|widget|teaser|recommend|popular|trending|most-read|promo|footer|menu|infobox|citation|reference/i
/** A printed date after one of these words is when the page was updated, not published. */
const UPDATED =
  /\b(?:updated?|last modified|modified|aktualisiert|geändert|zuletzt|letzte änderung|stand|zaktualizowano|mis à jour|modifié|actualizado|aggiornato)\b/i
/** Longer than this, an element is a paragraph that mentions a date, not a dateline. */
const MAX_DATELINE = 200
/** A dateline beside the headline sits within this many levels up and siblings away from it. */
const HEADLINE_CLIMB = 3
const HEADLINE_REACH = 3
/** Shorter than this, an <h1> is the site's logo, whose neighbours may print today's date. */
const MIN_HEADLINE = 15

/**
 * Where an element sits, itself included: inside the article/its header
 * (good), in navigation, comments, related links (bad), or elsewhere. The
 * body's classes describe the layout ("right-sidebar"), not a part of it; a
 * footer inside the article is the article's own ("Posted by … at 18:52").
 */
export function placeOf(el: Element, aside: RegExp = /comment|related/i): 'article' | 'outside' | 'elsewhere' {
  let place: 'article' | 'elsewhere' = 'elsewhere'
  let inFooter = false
  for (let node: Element | null = el; node && node.localName !== 'body'; node = node.parentElement) {
    const name = node.localName
    const hints = `${node.getAttribute('class') ?? ''} ${node.id}`
    if (OUTSIDE_ARTICLE.has(name) || aside.test(hints.replace(/footer/gi, ''))) return 'outside'
    if (name === 'footer' || /footer/i.test(hints)) inFooter = true
    if (name === 'article') inFooter = false
    if (ARTICLE_PARTS.has(name)) place = 'article'
  }
  return inFooter ? 'outside' : place
}

const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()

/**
 * The date printed beside the headline ("Handball Schweiz • 02.02.2022",
 * "21. Jan 2022 // Dominik Ricker"): in the nearest short sibling of the
 * <h1> or of one of its first ancestors, unless it says it is an update.
 */
function datelineNearHeadline(heading: Element | null, lang: string | null): string | null {
  if (!heading || textOf(heading).length < MIN_HEADLINE || placeOf(heading, ASIDE_CLASS) === 'outside') return null
  let node: Element = heading
  for (let level = 0; level < HEADLINE_CLIMB && node.parentElement; level++, node = node.parentElement) {
    const siblings = [...node.parentElement.children]
    const at = siblings.indexOf(node)
    for (let step = 1; step <= HEADLINE_REACH; step++) {
      for (const el of [siblings[at + step], siblings[at - step]]) {
        if (!el) continue
        const text = textOf(el)
        if (text.length > MAX_DATELINE || placeOf(el) === 'outside') continue
        const date = readDateText(text, lang)
        if (date && !UPDATED.test(text.slice(0, text.search(/\d/)))) return date
      }
    }
  }
  return null
}

const hasItemprop = (el: Element, name: string) =>
  (el.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/).includes(name)

/** The date an element states: its datetime or content attribute, else its text read as a printed date. */
function dateOf(el: Element, lang: string | null): string | null {
  const value = (el.getAttribute('datetime') ?? el.getAttribute('content'))?.trim()
  if (value) return value
  const text = el.textContent ?? ''
  return text.length <= MAX_DATELINE ? readDateText(text, lang) : null
}

export function readPageDates(
  found: DateElements,
  meta: ReadonlyMap<string, string>,
  url: string,
  lang: string | null,
): PageDates {
  const itemprop: string[] = []
  const inArticle: string[] = []
  const pubdate: string[] = []
  const elsewhere: string[] = []
  for (const el of found.times) {
    const value = dateOf(el, lang)
    if (!value) continue
    if (hasItemprop(el, 'datepublished')) itemprop.push(value)
    const place = placeOf(el)
    if (place === 'article') inArticle.push(value)
    else if (place === 'elsewhere' && el.hasAttribute('pubdate')) pubdate.push(value)
    else if (placeOf(el, ASIDE_CLASS) !== 'outside') elsewhere.push(value)
  }
  const microPublished: string[] = []
  const microModified: string[] = []
  for (const el of found.microdata) {
    const value = dateOf(el, lang)
    if (!value) continue
    if (hasItemprop(el, 'datepublished')) microPublished.push(value)
    if (hasItemprop(el, 'datemodified')) microModified.push(value)
  }
  const printedPublished: string[] = []
  const printedModified: string[] = []
  for (const el of found.hinted) {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
    const date = text.length <= MAX_DATELINE ? readDateText(text, lang) : null
    if (!date || placeOf(el, ASIDE_CLASS) === 'outside') continue
    const before = text.slice(0, text.search(/\d/))
    ;(UPDATED.test(before) ? printedModified : printedPublished).push(date)
  }
  const fromMeta = (keys: readonly string[]) => keys.flatMap((key) => meta.get(key) ?? [])
  return {
    published: [
      ...fromMeta(PUBLISHED_KEYS.slice(0, 2)),
      ...itemprop,
      ...microPublished,
      ...fromMeta(['datepublished']),
      ...inArticle.slice(0, 1),
      ...pubdate.slice(0, 1),
      ...fromMeta(PUBLISHED_KEYS.slice(2)),
    ],
    modified: [...fromMeta(MODIFIED_KEYS), ...microModified],
    printedPublished: [
      ...[datelineNearHeadline(found.firstHeading, lang) ?? []].flat(),
      ...printedPublished,
      ...elsewhere.slice(0, 1),
    ],
    printedModified,
    urlDate: readUrlDate(url),
    all: readAllDates(found.times, meta),
  }
}

const DATE_META_KEY = /date|time|modified|published|issued|created|updated/

function readAllDates(times: readonly Element[], meta: ReadonlyMap<string, string>): string[] {
  const dates = times.map((el) => el.getAttribute('datetime')?.trim() ?? '').filter(Boolean)
  for (const [key, value] of meta) if (DATE_META_KEY.test(key)) dates.push(value)
  return dates
}
