/**
 * Date normalisation for datelines. Pages write dates every which way; the
 * digest stores ISO 8601 with an explicit offset (the publisher's own offset
 * is kept, so the dateline shows the local time of the newsroom), or only
 * the calendar date when the page never says which zone its clock is in.
 */
import { readLeadingDate } from './date-text.js'
import { isoInZone, isoWithOffset, zoneForName, ZONE_NAME_PATTERN, type WallTime } from './time-zones.js'

export interface ParsedDate {
  /** ISO 8601 with offset; when the page gave no zone, the wall time is written as if it were UTC. */
  iso: string
  /** False when the page gave no offset or zone and UTC was assumed. */
  exact: boolean
  /** False when the value is a date without a time of day. */
  hasClock: boolean
  /** The date and time as the page wrote them. */
  wall: WallTime
}

/** Whether a dateline knows the time of day, or only the date. */
export type TimePrecision = 'time' | 'date'

export interface ResolvedDate {
  /** ISO 8601 with offset, or the calendar date ("2016-04-06") when precision is 'date'. */
  value: string
  precision: TimePrecision
}

/** Clock times the page prints with a zone ("First published February 1, 2016: 1:28 AM ET"). */
export interface ZoneStamp {
  hour: number
  /** Null when the page printed the hour alone ("1 p.m. ET"). */
  minute: number | null
  /** IANA zone. */
  zone: string
  /** The stamp stands in a dateline (rather than in running text, where a zone may be anyone's). */
  inDateline: boolean
}

/** What the page says about its zone besides the date being read. */
export interface ZoneEvidence {
  stamps: readonly ZoneStamp[]
  /** Other dates of the page that carry an offset: their instant and offset in minutes. */
  offsets: ReadonlyArray<{ ms: number; offset: number }>
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+|T\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i
// Same groups as ISO: year, month, day, hour, minute, second, fraction, zone.
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const OFFSET_ZONE = /(?:\b(?:GMT|UTC|UT|Z)\b|[+-]\d{2}:?\d{2}\s*$)/
const NAMED_ZONE = new RegExp(`[\\s,(]+(${ZONE_NAME_PATTERN})\\)?$`)
const CLOCK = /\d{1,2}[:.]\d{2}|\b\d{1,2}\s*[ap]\.?m\b/i
const MIN_YEAR = 1970
const MAX_YEAR = 2200
/** A fixed offset borrowed from another date of the page holds only if daylight saving cannot have changed between them. */
const OFFSET_REACH_MS = 45 * 86_400_000

export function parseDate(value: string | null | undefined, lang: string | null = null): ParsedDate | null {
  if (typeof value !== 'string') return null
  const text = value.trim().replace(/\s+/g, ' ')
  if (!text || text.length > 80) return null
  const iso = ISO.exec(text) ?? COMPACT.exec(text)
  if (iso) return fromParts(iso)
  if (/^\d{10}(?:\d{3})?$/.test(text)) {
    const ms = text.length === 10 ? Number(text) * 1000 : Number(text)
    const date = fromInstant(ms)
    return date && { ...date, exact: true }
  }
  // Free text ("Wed, 06 Apr 2016 23:00:00 GMT", "April 6, 2016", "Feb 1, 2016 1:28 AM ET"):
  // only with a month name and a year. Without a zone it is read as UTC rather
  // than in whatever zone this machine happens to run in.
  if (!/\b(?:1[89]|2\d)\d{2}\b/.test(text)) return null
  if (!/[a-z]{3}/i.test(text)) return readPrinted(text, lang)
  const named = NAMED_ZONE.exec(text)
  const zone = named ? zoneForName(named[1]!, lang) : null
  const bare = (zone ? text.slice(0, named!.index) : text)
    .replace(/\s+at\s+/i, ' ')
    .replace(/(\d{4}):\s/, '$1 ')
    .replace(/\b([ap])\.m\.?/gi, '$1m')
    .replace(/(?<![:.\d])(\d{1,2})\s*([ap]m)\b/gi, '$1:00 $2')
  const offsetGiven = !zone && OFFSET_ZONE.test(bare)
  const date = fromInstant(Date.parse(offsetGiven ? bare : `${bare} UTC`))
  if (!date) return readPrinted(text, lang)
  const hasClock = CLOCK.test(bare)
  if (offsetGiven) return { ...date, exact: true, hasClock }
  if (!zone || !hasClock) return { ...date, hasClock }
  return { ...date, iso: isoInZone(date.wall, zone), exact: true, hasClock }
}

/** A value written as people print dates ("10.12.2022, 07:00:03", "21. Januar 2022"): its wall time, no zone. */
function readPrinted(text: string, lang: string | null): ParsedDate | null {
  // An ISO date the ISO reading refused ("2020-01-10T00:59:47ZZ") is broken, not printed.
  if (/^\d{4}-\d/.test(text)) return null
  const printed = readLeadingDate(text, lang)
  const parts = printed === null ? null : ISO.exec(printed)
  return parts && fromParts(parts)
}

/** ISO 8601 with offset, or null when the value is not a date we can trust. */
export function normalizeDate(value: string | null | undefined): string | null {
  return parseDate(value)?.iso ?? null
}

/**
 * The first candidate with an offset and a time; else the first with a time
 * whose zone the page tells (`evidence`, asked only then); else the date
 * alone, rather than a time in the wrong zone. The best candidate (the first)
 * sets the day: a later one lends its time only if it falls on that day.
 */
export function resolveDate(
  candidates: ReadonlyArray<string | null | undefined>,
  evidence: () => ZoneEvidence,
  lang: string | null = null,
): ResolvedDate | null {
  const all = candidates.map((c) => parseDate(c, lang)).filter((p): p is ParsedDate => p !== null)
  const day = all[0] && calendarDate(all[0].wall)
  const parsed = all.filter((p) => calendarDate(p.wall) === day)
  const exact = parsed.find((p) => p.exact && p.hasClock)
  if (exact) return { value: exact.iso, precision: 'time' }
  const clocked = parsed.find((p) => p.hasClock)
  if (clocked) {
    const iso = readInPageZone(clocked.wall, evidence())
    if (iso) return { value: iso, precision: 'time' }
  }
  const first = parsed[0]
  return first ? { value: calendarDate(first.wall), precision: 'date' } : null
}

/**
 * The wall time in the zone the page names next to the same clock time, else
 * in the offset of the page's nearest other date, else in the one zone all
 * of its printed datelines use; null when the page does not say.
 */
export function readInPageZone(wall: WallTime, evidence: ZoneEvidence): string | null {
  // 12- and 24-hour clocks alike: "1:28 AM" and "13:28" both print 1:28 on a 12-hour face.
  const sameClock = evidence.stamps.find((s) => s.hour % 12 === wall.hour % 12 && (s.minute ?? 0) === wall.minute)
  if (sameClock) return isoInZone(wall, sameClock.zone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  // Zero offsets tell nothing: machines write UTC whatever zone the newsroom is in.
  const nearest = [...evidence.offsets]
    .filter((o) => o.offset !== 0 && Math.abs(o.ms - asUtc) <= OFFSET_REACH_MS)
    .sort((a, b) => Math.abs(a.ms - asUtc) - Math.abs(b.ms - asUtc))[0]
  if (nearest) return isoWithOffset(wall, nearest.offset)
  const zones = new Set(evidence.stamps.filter((s) => s.inDateline).map((s) => s.zone))
  if (zones.size === 1) return isoInZone(wall, [...zones][0]!)
  return null
}

/** The instant and offset of a date that carries one (for ZoneEvidence.offsets); null otherwise. */
export function offsetOf(value: string | null | undefined): { ms: number; offset: number } | null {
  const parsed = parseDate(value)
  if (!parsed?.exact || !parsed.hasClock) return null
  const m = /(Z|([+-])(\d{2}):(\d{2}))$/.exec(parsed.iso)
  if (!m) return null
  const offset = m[1] === 'Z' ? 0 : (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]))
  return { ms: Date.parse(parsed.iso), offset }
}

function calendarDate(wall: WallTime): string {
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`
}

function fromParts(m: RegExpExecArray): ParsedDate | null {
  const [, y, mo, d, h, mi = '0', s = '0', frac = '', zone] = m
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi),
    second: Math.min(Number(s), 59),
    millisecond: frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0,
  }
  if (wall.year < MIN_YEAR || wall.year > MAX_YEAR || wall.hour > 23 || wall.minute > 59) return null
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day))
  if (check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day) return null
  const offset = offsetMinutesOf(zone)
  return {
    iso: isoWithOffset(wall, offset ?? 0, offset !== null && /\d/.test(zone ?? '')),
    exact: offset !== null,
    hasClock: h !== undefined,
    wall,
  }
}

/** "+05:30" → 330, "Z"/"UTC"/"GMT" → 0; null without a (valid) zone. */
function offsetMinutesOf(zone: string | undefined): number | null {
  if (!zone) return null
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 0
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!m) return null
  const [, sign, hh = '00', mm = '00'] = m
  if (Number(hh) > 14 || Number(mm) > 59) return null
  return (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm))
}

/** An instant as UTC; the callers say whether that UTC was the page's or an assumption. */
function fromInstant(ms: number): ParsedDate | null {
  if (!Number.isFinite(ms)) return null
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  if (year < MIN_YEAR || year > MAX_YEAR) return null
  return {
    iso: date.toISOString().replace('.000Z', 'Z'),
    exact: false,
    hasClock: true,
    wall: {
      year,
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
      millisecond: date.getUTCMilliseconds(),
    },
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** The instant a digest's time stands for, as the database takes it: a date alone is its midnight UTC. */
export function instantOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
}
