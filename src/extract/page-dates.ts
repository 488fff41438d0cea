/**
 * Every place a page states when it was published or updated, best source
 * first: meta tags (article:, parsely-, sailthru., Dublin Core…), microdata
 * and <time> wherever they sit, datelines printed in elements whose class
 * says they hold one, and the date in the URL's path.
 */
import { readDateText, readUrlDate } from './date-text.js'
import { ASIDE_CLASS, headlineOf, placeOf } from './page-place.js'
import { datelineNearHeadline, datelineOpeningLede, labelledDate, MAX_DATELINE, UPDATED } from './printed-datelines.js'

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
  /**
   * Weaker evidence, for pages whose markup states none: printed datelines,
   * then <time> outside the article, then labelled and lede datelines. A
   * function, asked only when the markup gave no date: it walks the page's text.
   */
  printedPublished(): string[]
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

const abbrTitle = (el: Element) => (el.localName === 'abbr' ? el.getAttribute('title') : null)
/** One of the space-separated words of an attribute, in any case: class="entry published", itemprop="datePublished". */
const hasToken = (el: Element, attribute: 'class' | 'itemprop', name: string) =>
  (el.getAttribute(attribute) ?? '').toLowerCase().split(/\s+/).includes(name)

/**
 * The date an element states: its datetime or content attribute (or an
 * <abbr>'s title, as hAtom and Blogger give it), else its text read as a printed date.
 */
function dateOf(el: Element, lang: string | null): string | null {
  const value = (el.getAttribute('datetime') ?? el.getAttribute('content') ?? abbrTitle(el))?.trim()
  if (value) return value
  const text = el.textContent ?? ''
  return text.length <= MAX_DATELINE ? readDateText(text, lang) : null
}

export function readPageDates(
  document: Document,
  found: DateElements,
  meta: ReadonlyMap<string, string>,
  url: string,
  lang: string | null,
): PageDates {
  const headline = headlineOf(found.firstHeading)
  const itemprop: string[] = []
  const inArticle: string[] = []
  const pubdate: string[] = []
  const elsewhere: string[] = []
  for (const el of found.times) {
    const value = dateOf(el, lang)
    if (!value) continue
    if (hasToken(el, 'itemprop', 'datepublished')) itemprop.push(value)
    const place = placeOf(el, undefined, headline)
    if (place === 'article') inArticle.push(value)
    else if (place === 'elsewhere' && el.hasAttribute('pubdate')) pubdate.push(value)
    else if (placeOf(el, ASIDE_CLASS, headline) !== 'outside') elsewhere.push(value)
  }
  const microPublished: string[] = []
  const microModified: string[] = []
  for (const el of found.microdata) {
    const value = dateOf(el, lang)
    if (!value) continue
    if (hasToken(el, 'itemprop', 'datepublished')) microPublished.push(value)
    if (hasToken(el, 'itemprop', 'datemodified')) microModified.push(value)
  }
  const printedPublished: string[] = []
  const printedModified: string[] = []
  // hAtom (Blogger, older WordPress themes): <abbr class="published" title="2016-12-23T05:11:00-05:00">5:11 AM</abbr>.
  const hAtom = (name: string) =>
    found.hinted
      .filter((el) => hasToken(el, 'class', name) && placeOf(el, undefined, headline) !== 'outside')
      .flatMap((el) => abbrTitle(el) ?? [])
      .slice(0, 1)
  for (const el of found.hinted) {
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
    const date = text.length <= MAX_DATELINE ? readDateText(text, lang) : null
    if (!date || placeOf(el, ASIDE_CLASS, headline) === 'outside') continue
    const before = text.slice(0, text.search(/\d/))
    ;(UPDATED.test(before) ? printedModified : printedPublished).push(date)
  }
  const fromMeta = (keys: readonly string[]) => keys.flatMap((key) => meta.get(key) ?? [])
  return {
    published: [
      ...fromMeta(PUBLISHED_KEYS.slice(0, 2)),
      ...itemprop,
      ...microPublished,
      ...hAtom('published'),
      ...fromMeta(['datepublished']),
      ...inArticle.slice(0, 1),
      ...pubdate.slice(0, 1),
      ...fromMeta(PUBLISHED_KEYS.slice(2)),
    ],
    modified: [...fromMeta(MODIFIED_KEYS), ...microModified, ...hAtom('updated')],
    printedPublished: () => [
      ...[datelineNearHeadline(headline, lang) ?? []].flat(),
      ...printedPublished,
      ...elsewhere.slice(0, 1),
      ...[labelledDate(document, headline, lang) ?? [], datelineOpeningLede(headline, lang) ?? []].flat(),
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
