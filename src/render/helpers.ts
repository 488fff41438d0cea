/** Formatting used by the templates; everything that returns HTML escapes its input first. */
import type { TimePrecision } from '../extract/dates.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

// Building an Intl formatter costs far more than using one: keep one per zone and style.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string, style: 'dateline' | 'post' | 'day'): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'dateline'
        ? { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
        : style === 'post'
          ? { dateStyle: 'medium', timeStyle: 'short' }
          : { dateStyle: 'medium' }
    f = new Intl.DateTimeFormat('en-US', { ...options, timeZone })
    formatters.set(key, f)
  }
  return f
}

/** The view models carry times as ISO strings (as the API sends them); rows carry Dates. */
type When = Date | string
const asDate = (when: When) => (typeof when === 'string' ? new Date(when) : when)

/** "April 2016". */
export function monthYear(date: When, timeZone: string, precision: TimePrecision = 'time'): string {
  const p = parts(date, zoneFor(precision, timeZone))
  return `${p.month} ${p.year}`
}

/** Readers should know when a fresh post quotes an old article. */
export const OLD_ARTICLE_DAYS = 60
export const isOldArticle = (published: When | null, posted: When) =>
  published !== null && asDate(posted).getTime() - asDate(published).getTime() > OLD_ARTICLE_DAYS * 86_400_000

/** Where readers can still follow `more...` after the source moves; we link to them, we never fetch them. */
export const archiveLinks = (url: string) => [
  { name: 'Wayback Machine', href: `https://web.archive.org/web/${url}` },
  { name: 'archive.today', href: `https://archive.ph/newest/${url}` },
]

function parts(date: When, timeZone: string) {
  const map: Record<string, string> = {}
  for (const p of formatter(timeZone, 'dateline').formatToParts(asDate(date))) map[p.type] = p.value
  return map
}

// A date without its time of day is stored as its midnight UTC: read in UTC, it stays the day the source printed.
const zoneFor = (precision: TimePrecision, timeZone: string) => (precision === 'date' ? 'UTC' : timeZone)

/** "April 6, 2016 — 7:00 PM EDT", as news sites print a dateline; "April 6, 2016" when the time of day is unknown. */
export function dateline(date: When, timeZone: string, precision: TimePrecision = 'time', dash = '—'): string {
  const p = parts(date, zoneFor(precision, timeZone))
  const day = `${p.month} ${p.day}, ${p.year}`
  return precision === 'date' ? day : `${day} ${dash} ${p.hour}:${p.minute} ${p.dayPeriod} ${p.timeZoneName}`
}

/**
 * The dateline as a <time> element. The reader's-zone script rewrites only
 * elements with a data-style; a date alone has none and a date-only datetime,
 * so no clock time is ever made up for it.
 */
export function datelineTime(when: When, precision: TimePrecision, timeZone: string): string {
  const date = asDate(when)
  // The dash as a reference, like the templates' own typography (pages stay ASCII where they can);
  // month and zone names are ASCII and need no escaping.
  const text = dateline(date, timeZone, precision, '&#8212;')
  return precision === 'date'
    ? `<time datetime="${date.toISOString().slice(0, 10)}">${text}</time>`
    : `<time data-style="dateline" datetime="${date.toISOString()}">${text}</time>`
}

/** "Nov 24, 2026, 7:30 PM" for posting times. */
export function postTime(date: When, timeZone: string): string {
  return formatter(timeZone, 'post').format(asDate(date))
}

/** "5 minutes ago" up to a week, then the date. */
export function ago(when: When, timeZone: string, now = new Date()): string {
  const date = asDate(when)
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000))
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return plural(Math.floor(seconds / 60), 'minute')
  if (seconds < 86400) return plural(Math.floor(seconds / 3600), 'hour')
  if (seconds < 7 * 86400) return plural(Math.floor(seconds / 86400), 'day')
  return formatter(timeZone, 'day').format(date)
}

/**
 * A headline cut to about `max` characters at a word boundary, for breadcrumbs, as HTML: escaped,
 * its ellipsis a reference like the templates' own typography.
 */
export function shortenHtml(text: string, max = 25): string {
  const cut = cutAt(text, max)
  return cut === text ? escapeHtml(text) : `${escapeHtml(cut)}&#8230;`
}

function cutAt(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max + 1)
  const space = cut.lastIndexOf(' ')
  return (space > max / 2 ? cut.slice(0, space) : text.slice(0, max)).replace(/[\s,;:.–—-]+$/, '')
}

/** A member's text as HTML: the Markdown subset members write in, sanitised. */
export { renderPostText as postBody } from './post-text.js'

const numbers = new Intl.NumberFormat('en-US')
export const plural = (n: number, one: string, many = `${one}s`) => `${numbers.format(n)} ${n === 1 ? one : many}`

/** Only http(s) links are rendered as links; anything else stays text. */
export { isWebUrl } from '../links/web-url.js'

export { displayName } from '../services/leaving.js'

/** The Star member badge that follows a poster's name (a supporter of the site, named by an admin). */
export const starMark = (star: boolean) =>
  star
    ? ' <span class="star-mark" role="img" aria-label="Star member" title="Star member: supports the site">&#9733;</span>'
    : ''
export { threadPath } from '../views/thread-path.js'

/** What stands in a hidden post's place, for pages and the API alike. */
export const hiddenStub = (by: 'jury' | 'moderator') => `Hidden by ${by === 'jury' ? 'a jury' : 'a moderator'}.`
export { feedPath } from './feed-paths.js'
