/**
 * Date normalisation for datelines. Pages write dates every which way; the
 * digest stores ISO 8601 with an explicit offset (the publisher's own offset
 * is kept, so the dateline shows the local time of the newsroom).
 */

export interface ParsedDate {
  iso: string
  /** False when the page gave no offset and UTC was assumed. */
  exact: boolean
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+|T\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i
// Same groups as ISO: year, month, day, hour, minute, second, fraction, zone.
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const EXPLICIT_ZONE = /(?:\b(?:GMT|UTC|UT|Z|[ECMP][SD]T)\b|[+-]\d{2}:?\d{2}\s*$)/
const MIN_YEAR = 1970
const MAX_YEAR = 2200

export function parseDate(value: string | null | undefined): ParsedDate | null {
  if (typeof value !== 'string') return null
  const text = value.trim().replace(/\s+/g, ' ')
  if (!text || text.length > 80) return null
  const iso = ISO.exec(text) ?? COMPACT.exec(text)
  if (iso) return fromParts(iso)
  if (/^\d{10}(?:\d{3})?$/.test(text)) {
    const ms = text.length === 10 ? Number(text) * 1000 : Number(text)
    return fromInstant(ms, true)
  }
  // Free text ("Wed, 06 Apr 2016 23:00:00 GMT", "April 6, 2016"): only with
  // a month name and a year, and without a zone it is read as UTC rather
  // than in whatever zone this machine happens to run in.
  if (!/\b(?:1[89]|2\d)\d{2}\b/.test(text) || !/[a-z]{3}/i.test(text)) return null
  const zoned = EXPLICIT_ZONE.test(text)
  const ms = Date.parse(zoned ? text : `${text.replace(/\s+at\s+/i, ' ')} UTC`)
  return fromInstant(ms, zoned)
}

/** ISO 8601 with offset, or null when the value is not a date we can trust. */
export function normalizeDate(value: string | null | undefined): string | null {
  return parseDate(value)?.iso ?? null
}

/** The first candidate with an explicit offset, else the first that parses at all. */
export function pickDate(candidates: Array<string | null | undefined>): string | null {
  let fallback: string | null = null
  for (const candidate of candidates) {
    const parsed = parseDate(candidate)
    if (!parsed) continue
    if (parsed.exact) return parsed.iso
    fallback ??= parsed.iso
  }
  return fallback
}

function fromParts(m: RegExpExecArray): ParsedDate | null {
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Math.min(Number(s), 59)
  if (year < MIN_YEAR || year > MAX_YEAR || hour > 23 || minute > 59) return null
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  const ms = frac ? frac.padEnd(3, '0').slice(0, 3) : '000'
  const offset = formatOffset(zone)
  const stamp =
    `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}` +
    (ms === '000' ? '' : `.${ms}`)
  return { iso: stamp + (offset ?? 'Z'), exact: offset !== null }
}

function formatOffset(zone: string | undefined): string | null {
  if (!zone) return null
  if (/^(?:Z|UTC|GMT)$/i.test(zone)) return 'Z'
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (!m) return null
  const [, sign, hh = '00', mm = '00'] = m
  if (Number(hh) > 14 || Number(mm) > 59) return null
  return `${sign}${hh}:${mm}`
}

function fromInstant(ms: number, exact: boolean): ParsedDate | null {
  if (!Number.isFinite(ms)) return null
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  if (year < MIN_YEAR || year > MAX_YEAR) return null
  return { iso: date.toISOString().replace('.000Z', 'Z'), exact }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
