/**
 * Time zones as news pages name them ("1:28 AM ET", "6:01 a.m. Pacific",
 * "14:30 MESZ") mapped to IANA zones, and wall-clock times read in those
 * zones. Generic names (ET) and seasonal ones (EST, EDT) both go through
 * the IANA zone, so daylight saving follows the date rather than a label
 * pages often get wrong.
 */

/** A zone abbreviation or name; an IANA zone, or a function of the page's language when the name is ambiguous. */
const ZONES: ReadonlyMap<string, string | ((lang: string | null) => string)> = new Map(
  Object.entries({
    UTC: 'UTC',
    GMT: 'UTC',
    ET: 'America/New_York',
    EST: 'America/New_York',
    EDT: 'America/New_York',
    EASTERN: 'America/New_York',
    CT: 'America/Chicago',
    CST: 'America/Chicago',
    CDT: 'America/Chicago',
    CENTRAL: 'America/Chicago',
    MT: 'America/Denver',
    MDT: 'America/Denver',
    MOUNTAIN: 'America/Denver',
    // "MST" in summer is Arizona's, which keeps standard time all year (and equals Denver's in winter).
    MST: 'America/Phoenix',
    PT: 'America/Los_Angeles',
    PST: 'America/Los_Angeles',
    PDT: 'America/Los_Angeles',
    PACIFIC: 'America/Los_Angeles',
    AKST: 'America/Anchorage',
    AKDT: 'America/Anchorage',
    HST: 'Pacific/Honolulu',
    NT: 'America/St_Johns',
    NST: 'America/St_Johns',
    NDT: 'America/St_Johns',
    BST: 'Europe/London',
    WET: 'Europe/Lisbon',
    WEST: 'Europe/Lisbon',
    CET: 'Europe/Paris',
    CEST: 'Europe/Paris',
    MEZ: 'Europe/Berlin',
    MESZ: 'Europe/Berlin',
    EET: 'Europe/Athens',
    EEST: 'Europe/Athens',
    MSK: 'Europe/Moscow',
    // Indian, Irish and Israel Standard Time share "IST"; the page's language tells them apart.
    IST: (lang) =>
      /^en-IE\b|^ga\b/i.test(lang ?? '')
        ? 'Europe/Dublin'
        : /^(?:he|iw)\b/i.test(lang ?? '')
          ? 'Asia/Jerusalem'
          : 'Asia/Kolkata',
    PKT: 'Asia/Karachi',
    WIB: 'Asia/Jakarta',
    SGT: 'Asia/Singapore',
    HKT: 'Asia/Hong_Kong',
    PHT: 'Asia/Manila',
    JST: 'Asia/Tokyo',
    KST: 'Asia/Seoul',
    AWST: 'Australia/Perth',
    ACST: 'Australia/Adelaide',
    ACDT: 'Australia/Adelaide',
    AET: 'Australia/Sydney',
    AEST: 'Australia/Sydney',
    AEDT: 'Australia/Sydney',
    NZST: 'Pacific/Auckland',
    NZDT: 'Pacific/Auckland',
  }),
)

const SPELLED: ReadonlySet<string> = new Set(['EASTERN', 'CENTRAL', 'MOUNTAIN', 'PACIFIC'])

/**
 * The zone names we know as a regular-expression alternation (no groups). Abbreviations
 * count only in capitals ("ET", not "et"); the spelled-out American names may
 * be followed by "time", "standard time" or "daylight time", but "Central
 * European Time" is not America's Central.
 */
export const ZONE_NAME_PATTERN =
  `(?:(?:${[...ZONES.keys()]
    .filter((k) => !SPELLED.has(k))
    .sort((a, b) => b.length - a.length)
    .join('|')})\\b|` +
  '(?:[Ee]astern|[Cc]entral|[Mm]ountain|[Pp]acific)(?:\\s+(?:(?:[Ss]tandard|[Dd]aylight)\\s+)?[Tt]ime)?\\b' +
  '(?!\\s+(?:European|African?|Asian?|Australian?|Indonesian?|Brazil)))'

/** The IANA zone a page means by `name` ("ET", "EDT", "Pacific time"); null for names we do not know. */
export function zoneForName(name: string, lang: string | null = null): string | null {
  const word = name.trim().split(/\s+/)[0] ?? ''
  const key = /^(?:eastern|central|mountain|pacific)$/i.test(word) ? word.toUpperCase() : word
  const zone = ZONES.get(key)
  return typeof zone === 'function' ? zone(lang) : (zone ?? null)
}

export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

// Building an Intl formatter costs far more than using one.
const offsetFormats = new Map<string, Intl.DateTimeFormat>()

/** The zone's offset from UTC at instant `ms`, in minutes (New York in winter: -300). */
export function offsetMinutes(ms: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    offsetFormats.set(timeZone, format)
  }
  const name = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /^GMT([+-])(\d{2}):?(\d{2})?$/.exec(name)
  if (!m) return 0
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
}

/** "+05:30", "-04:00"; "Z" for zero unless the page wrote "+00:00". */
export function formatOffset(minutes: number, numericZero = false): string {
  if (minutes === 0 && !numericZero) return 'Z'
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The wall time as ISO 8601 with a fixed offset in minutes. */
export function isoWithOffset(wall: WallTime, offset: number, numericZero = false): string {
  const stamp =
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    (wall.millisecond ? `.${pad(wall.millisecond, 3)}` : '')
  return stamp + formatOffset(offset, numericZero)
}

const DAY = 86_400_000

/**
 * The wall time read in an IANA zone, as ISO 8601 with that zone's offset on
 * that date. A repeated autumn hour is read as its first occurrence; a time
 * in a spring-forward gap moves forward across it, as a clock would.
 */
export function isoInZone(wall: WallTime, timeZone: string): string {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond)
  const before = offsetMinutes(asUtc - DAY, timeZone)
  const valid = [before, offsetMinutes(asUtc + DAY, timeZone)].filter(
    (offset) => offsetMinutes(asUtc - offset * 60_000, timeZone) === offset,
  )
  if (valid.length > 0) return isoWithOffset(wall, Math.max(...valid))
  const instant = asUtc - before * 60_000
  const offset = offsetMinutes(instant, timeZone)
  const shifted = new Date(instant + offset * 60_000)
  return isoWithOffset(
    {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
    },
    offset,
  )
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
