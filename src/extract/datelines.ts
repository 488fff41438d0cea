/**
 * A page's published and updated times, from its machine-readable dates. One
 * without an offset is read in the zone the page names: the zone it prints
 * next to its times ("First published February 1, 2016: 1:28 AM ET") or the
 * offset its other dates carry; without either, only the date is kept.
 */
import {
  offsetOf,
  parseDate,
  resolveDate,
  type ParsedDate,
  type ResolvedDate,
  type ZoneEvidence,
  type ZoneStamp,
} from './dates.js'
import type { JsonLdArticle } from './json-ld.js'
import type { PageMetadata } from './metadata.js'
import { isDateline } from './rules.js'
import { zoneForName, ZONE_NAME_PATTERN } from './time-zones.js'

// An hour with minutes or with a.m./p.m. ("1:28 AM", "14.30", "6 p.m."), then a zone name.
const STAMP = new RegExp(
  `\\b(\\d{1,2})(?:[:.h](\\d{2}))?(?::\\d{2})?\\s*(?:([aApP])\\.?\\s?[mM]\\.?)?\\s*(?:Uhr\\s*)?\\(?(${ZONE_NAME_PATTERN})`,
  'g',
)
const ZONE_WORD = new RegExp(`\\b${ZONE_NAME_PATTERN}`)
/** Enough for a dateline and its neighbours; a longer or busier ancestor is the article, not a stamp. */
const MAX_CONTEXT = 400
const MAX_CHILDREN = 12
const MAX_CLIMB = 3

/** Clock times with a known zone in a piece of text. */
export function findZoneStamps(text: string, lang: string | null, inDateline: boolean): ZoneStamp[] {
  const stamps: ZoneStamp[] = []
  for (const m of text.matchAll(STAMP)) {
    const [, h, mi, meridiem, name] = m
    if (mi === undefined && meridiem === undefined) continue
    let hour = Number(h)
    const minute = mi === undefined ? null : Number(mi)
    if (hour > 23 || (minute !== null && minute > 59) || (meridiem && (hour === 0 || hour > 12))) continue
    if (meridiem) hour = (hour % 12) + (/p/i.test(meridiem) ? 12 : 0)
    const zone = zoneForName(name!, lang)
    if (zone) stamps.push({ hour, minute, zone, inDateline })
  }
  return stamps
}

/**
 * Stamps printed anywhere in the page, each read in the smallest element
 * around its zone name that also holds its clock ("1:28 AM <abbr>ET</abbr>").
 */
function readZoneStamps(document: Document, lang: string | null): ZoneStamp[] {
  const root = document.body ?? document.documentElement
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  const seen = new Set<Element>()
  const stamps: ZoneStamp[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const own = node.nodeValue ?? ''
    // Code samples print times in whatever zone the example needs.
    if (!ZONE_WORD.test(own) || node.parentElement?.closest('pre, code, samp, kbd')) continue
    let inContext: ZoneStamp[] = []
    let element = node.parentElement
    for (let level = 0; element && level < MAX_CLIMB; level++, element = element.parentElement) {
      if (seen.has(element) || element.childElementCount > MAX_CHILDREN) break
      seen.add(element)
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim()
      if (text.length > MAX_CONTEXT) break
      inContext = findZoneStamps(text, lang, isDateline(text))
      if (inContext.length > 0) break
    }
    // Without a small element around it, the stamp stands in running text.
    stamps.push(...(inContext.length > 0 ? inContext : findZoneStamps(own.replace(/\s+/g, ' '), lang, false)))
  }
  return stamps
}

/**
 * The published and modified times, best source first. Call it before
 * Readability, which rewrites the page the printed zones are read from; the
 * page is searched for them only when a time needs them. Printed datelines
 * and the URL's date count only when the markup states no date, and a date
 * before 1995, in the future, or an update before the publication is not
 * believed.
 */
export function readDatelines(
  document: Document,
  page: PageMetadata,
  jsonLd: JsonLdArticle | null,
  now = Date.now(),
): { published: ResolvedDate | null; modified: ResolvedDate | null } {
  const { dates, lang } = page
  let evidence: ZoneEvidence | undefined
  const zoneEvidence = () =>
    (evidence ??= {
      stamps: readZoneStamps(document, lang),
      offsets: [jsonLd?.datePublished, jsonLd?.dateModified, ...dates.all]
        .map((d) => offsetOf(d))
        .filter((o): o is NonNullable<typeof o> => o !== null),
    })
  const resolve = (candidates: ReadonlyArray<string | null | undefined>) =>
    resolveDate(
      candidates.filter((c) => isPlausible(c, lang, now)),
      zoneEvidence,
      lang,
    )
  const published =
    resolve([jsonLd?.datePublished, ...dates.published]) ??
    resolve(
      dates.urlDate
        ? [dates.urlDate, ...dates.printedPublished().filter((d) => sameDay(d, dates.urlDate!, lang))]
        : dates.printedPublished(),
    )
  const modified = resolve([jsonLd?.dateModified, ...dates.modified]) ?? resolve(dates.printedModified)
  return { published, modified: published && modified && isBefore(modified, published) ? null : modified }
}

/** Publication dates on the web start in 1995; a date ahead of now (a day's grace for zones) is a mistake. */
const EARLIEST = Date.UTC(1995, 0, 1)
const DAY_MS = 86_400_000

function isPlausible(value: string | null | undefined, lang: string | null, now: number): boolean {
  const parsed = parseDate(value, lang)
  if (!parsed) return false
  const ms = Date.parse(parsed.iso)
  return ms >= EARLIEST && ms <= now + DAY_MS
}

/** Earlier by the clock, or by the calendar when either knows only its date. */
function isBefore(a: ResolvedDate, b: ResolvedDate): boolean {
  if (a.precision === 'date' || b.precision === 'date') return a.value.slice(0, 10) < b.value.slice(0, 10)
  return Date.parse(a.value) < Date.parse(b.value)
}

/** The same calendar day give or take one (a zone apart). */
function sameDay(a: string, b: string, lang: string | null): boolean {
  const x = parseDate(a, lang)
  const y = parseDate(b, lang)
  if (!x || !y) return false
  const day = (w: ParsedDate['wall']) => Date.UTC(w.year, w.month - 1, w.day)
  return Math.abs(day(x.wall) - day(y.wall)) <= DAY_MS
}
