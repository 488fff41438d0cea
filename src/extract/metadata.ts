/**
 * Page metadata read from the DOM before Readability rewrites it: meta tags
 * (og:, article:, twitter:, itemprop), canonical link, language, authors and
 * the dates the page states.
 */
import { parseWebUrl } from '../links/web-url.js'
import { AUTHOR_HINT, readPageAuthors, type PageAuthors } from './page-authors.js'
import { readPageDates, type DateElements, type PageDates } from './page-dates.js'
import { headlineOf } from './page-place.js'
import { MAX_DATELINE } from './printed-datelines.js'

export interface PageMetadata {
  /** Base for relative URLs: the page URL, or its <base href>. */
  base: string
  meta: ReadonlyMap<string, string>
  canonicalUrl: string | null
  lang: string | null
  dates: PageDates
  /** Author names from meta tags, one list per kind of tag, best kind first (URLs and handles included: cleaned later). */
  metaAuthors: string[][]
  /** Authors named in the page itself (raw, cleaned later). */
  pageAuthors: PageAuthors
  firstHeading: string | null
  imageLink: string | null
}

interface Scan extends DateElements {
  metas: Element[]
  links: Element[]
  times: Element[]
  microdata: Element[]
  hinted: Element[]
  authors: Element[]
  firstHeading: Element | null
  base: Element | null
}

const DATE_ITEMPROP = /\bdate(?:published|modified)\b/i
/** Class or id of an element that prints a dateline ("entry-date", "post-meta", "article__timestamp", "datum"). */
const DATE_HINT = /date|time(?!line)|posted|publish|byline|meta|datum|fecha/i
/** A link to an author's page ("/authors/jane-doe/", "/autor/frank_g"): its text names them. */
const AUTHOR_PAGE = /\/(?:authors?|autor(?:en|in)?|auteurs?|autore?s?|autorzy)\/[^/?#]+/i
/** Datelines and bylines sit near the top; a page's hundredth "date" element is a list's. */
const MAX_HINTED = 20

/** Short enough to be a dateline and holding a digit: only such elements count towards MAX_HINTED (a list of bylines in "meta" boxes does not). */
function mayPrintDate(el: Element): boolean {
  const text = el.textContent ?? ''
  return /\d/.test(text) && text.replace(/\s+/g, ' ').trim().length <= MAX_DATELINE
}

/**
 * One TreeWalker pass over the page. jsdom's selector engine costs 15–40 ms
 * per whole-document query on a 1 MB page, and iterating a live
 * getElementsByTagName() collection re-walks the tree on every item.
 */
function scan(document: Document): Scan {
  const found: Scan = {
    metas: [],
    links: [],
    times: [],
    microdata: [],
    hinted: [],
    authors: [],
    firstHeading: null,
    base: null,
  }
  const walker = document.createTreeWalker(document.documentElement, 1 /* NodeFilter.SHOW_ELEMENT */)
  for (let node = walker.currentNode as Element | null; node; node = walker.nextNode() as Element | null) {
    const name = node.localName
    if (name === 'meta') found.metas.push(node)
    else if (name === 'link') found.links.push(node)
    else if (name === 'time') found.times.push(node)
    else if (name === 'h1') found.firstHeading ??= node
    else if (name === 'base' && node.hasAttribute('href')) found.base ??= node
    if (name === 'meta' || name === 'time') continue
    if (
      (name === 'a' && /\bauthor\b/i.test(node.getAttribute('rel') ?? '')) ||
      (name === 'a' && found.authors.length < MAX_HINTED && AUTHOR_PAGE.test(node.getAttribute('href') ?? '')) ||
      /\bauthor\b/i.test(node.getAttribute('itemprop') ?? '') ||
      (found.authors.length < MAX_HINTED && AUTHOR_HINT.test(`${node.getAttribute('class') ?? ''} ${node.id}`))
    ) {
      found.authors.push(node)
    }
    if (DATE_ITEMPROP.test(node.getAttribute('itemprop') ?? '')) found.microdata.push(node)
    else if (
      found.hinted.length < MAX_HINTED &&
      DATE_HINT.test(`${node.getAttribute('class') ?? ''} ${node.id}`) &&
      mayPrintDate(node)
    ) {
      found.hinted.push(node)
    }
  }
  return found
}

/** All meta values by lower-cased property/name/itemprop; the first occurrence wins. */
function readMeta(metas: readonly Element[]): Map<string, string> {
  const values = new Map<string, string>()
  for (const el of metas) {
    const content = el.getAttribute('content')?.trim()
    if (!content) continue
    const keys = [
      el.getAttribute('property'),
      el.getAttribute('name'),
      el.getAttribute('itemprop'),
      el.getAttribute('http-equiv'),
    ]
      .flatMap((k) => (k ? k.toLowerCase().split(/\s+/) : []))
      .filter(Boolean)
    for (const key of keys) if (!values.has(key)) values.set(key, content)
  }
  return values
}

/**
 * Meta tags that name authors, best first (Dublin Core before a plain
 * "author", which some sites fill with their own name). Several tags of one kind are
 * several authors; a kind that names none (an article:author profile URL)
 * gives way to the next. twitter:creator is a handle, not a name.
 */
const AUTHOR_KEYS = [
  'dc:creator',
  'dc.creator',
  'dcterms.creator',
  'dcterm:creator',
  'dc.creator.name',
  'dc.author',
  'author',
  'article:author',
  'og:article:author',
  'article:author_name',
  'parsely-author',
  'sailthru.author',
  'cxenseparse:author',
  'byl',
  'dcsext.author',
  'og:author',
]

function readMetaAuthors(metas: readonly Element[]): string[][] {
  const byKey = new Map<string, string[]>()
  for (const el of metas) {
    const content = el.getAttribute('content')?.trim()
    if (!content) continue
    for (const attr of ['name', 'property', 'itemprop']) {
      for (const key of (el.getAttribute(attr) ?? '').toLowerCase().split(/\s+/)) {
        const values = byKey.get(key)
        if (values) {
          if (!values.includes(content)) values.push(content)
        } else if (AUTHOR_KEYS.includes(key)) byKey.set(key, [content])
      }
    }
  }
  // Dublin Core names people "Last, First"; a byline reads "First Last".
  for (const [key, values] of byKey) {
    if (/^dc(?:terms?)?[.:]/.test(key))
      byKey.set(
        key,
        values.map((v) => v.replace(/^([^,\s]+(?: [^,\s]+)?),\s*([^,]+)$/, '$2 $1')),
      )
  }
  return AUTHOR_KEYS.flatMap((key) => {
    const values = byKey.get(key)
    return values ? [values] : []
  })
}

function linkHref(links: readonly Element[], rel: string): string | null {
  for (const el of links) {
    const rels = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/)
    const href = el.getAttribute('href')
    if (href && rels.includes(rel)) return href
  }
  return null
}

/** Absolute http(s) URL resolved against the page (and its <base>), or null. */
export function absoluteHttpUrl(value: string | null | undefined, base: string): string | null {
  return parseWebUrl(value, base)?.href ?? null
}

function normalizeLang(value: string | null | undefined): string | null {
  const lang = value
    ?.trim()
    .split(/[\s,;]+/)[0]
    ?.replace(/_/g, '-')
  return lang && /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(lang) ? lang : null
}

export function readPageMetadata(document: Document, url: string): PageMetadata {
  const found = scan(document)
  const meta = readMeta(found.metas)
  // As document.baseURI would, without its first-call cost on a large page.
  const base = absoluteHttpUrl(found.base?.getAttribute('href'), url) ?? url
  const canonical = linkHref(found.links, 'canonical')
  const heading = found.firstHeading?.textContent?.replace(/\s+/g, ' ').trim()
  const lang =
    normalizeLang(document.documentElement.getAttribute('lang')) ??
    normalizeLang(document.documentElement.getAttribute('xml:lang')) ??
    normalizeLang(meta.get('content-language')) ??
    normalizeLang(meta.get('og:locale'))
  return {
    base,
    meta,
    canonicalUrl: absoluteHttpUrl(canonical, base) ?? absoluteHttpUrl(meta.get('og:url'), base),
    lang,
    dates: readPageDates(document, found, meta, url, lang),
    metaAuthors: readMetaAuthors(found.metas),
    pageAuthors: readPageAuthors(found.authors, headlineOf(found.firstHeading)),
    firstHeading: heading || null,
    imageLink: absoluteHttpUrl(linkHref(found.links, 'image_src'), base),
  }
}
