/**
 * Dates as people print them ("Monday, November 18th, 2019 at 11:08 a.m.",
 * "31. Mai 2012, 14:30", "20.11.2019", "12 listopada 2019") and as URLs carry
 * them ("/2019/11/20/"), read to an ISO wall time without a zone
 * ("2019-11-18T11:08", "2019-11-20"): the zone, when the page tells one, is
 * found by the dateline's zone evidence.
 */

/** Month names and their abbreviations in the languages of the pages we see most, by month number. */
const MONTH_NAMES: readonly string[] = [
  'january jan januar jänner janvier enero gennaio janeiro januari januarie styczeń stycznia sty leden ledna január január tammikuuta',
  'february feb februar février fevrier febrero febbraio fevereiro februari luty lutego lut únor února február',
  'march mar märz maerz mars marzo março maart marzec marca mart březen března marec',
  'april apr avril abril aprile kwiecień kwietnia kwi duben dubna apríl',
  'may mai mayo maggio maio mei maj maja máj květen května',
  'june jun juni juin junio giugno junho czerwiec czerwca cze červen června jún',
  'july jul juli juillet julio luglio julho lipiec lipca lip červenec července júl',
  'august aug août aout agosto augustus sierpień sierpnia sie srpen srpna',
  'september sep sept septembre septiembre settembre setembro wrzesień września wrz září september',
  'october oct oktober octobre octubre ottobre outubro październik października paź říjen října október',
  'november nov novembre noviembre novembro listopad listopada lis listopadu',
  'december dec dezember décembre decembre diciembre dicembre dezembro grudzień grudnia gru prosinec prosince dez',
]

const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, i) => names.split(' ').map((name) => [name, i + 1] as const)),
)

/** Whether a word is a month's name or abbreviation ("März", "listopada", "Dec."). */
export function isMonthName(word: string): boolean {
  return MONTHS.has(word.toLowerCase().replace(/\.$/, ''))
}

const WORD = '(?<![\\p{L}\\d])(\\p{L}{3,})\\.?'
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er|º)?\\.?'
const YEAR = '(\\d{4})'
// "11:08", "11.08 am", "14h30", "11:08:57", after the date with "at", "um", "à", "o", a comma or a bar.
const CLOCK =
  '(?:\\s*(?:,|\\||-|–|—|at|um|à|a las|alle|o|godz\\.?)?\\s*(\\d{1,2})[:.h](\\d{2})(?::\\d{2})?\\s*([ap])?\\.?\\s?(?:m\\b\\.?)?)?'

interface Form {
  re: RegExp
  /** Indexes of year, month and day in the match; month may be a name. */
  order: [year: number, month: number, day: number]
}

const FORMS: readonly Form[] = [
  { re: new RegExp(`\\b${YEAR}-(\\d{2})-(\\d{2})(?:[T\\s]+(\\d{2}):(\\d{2}))?`, 'gu'), order: [1, 2, 3] },
  { re: new RegExp(`\\b${DAY}\\s*(?:de\\s+)?${WORD}\\s*(?:de\\s+)?,?\\s*${YEAR}\\b${CLOCK}`, 'giu'), order: [3, 2, 1] },
  { re: new RegExp(`${WORD}\\s+${DAY},?\\s+${YEAR}\\b${CLOCK}`, 'giu'), order: [3, 1, 2] },
  { re: new RegExp(`\\b${YEAR}[/.](\\d{1,2})[/.](\\d{1,2})\\b${CLOCK}`, 'gu'), order: [1, 2, 3] },
  { re: new RegExp(`\\b(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?${YEAR}\\b${CLOCK}`, 'gu'), order: [3, 2, 1] },
]
/** "11/20/2019" or "20/11/2019": which one the page's language reads, unless a part over 12 says. */
const SLASHED = new RegExp(`\\b(\\d{1,2})/(\\d{1,2})/${YEAR}\\b${CLOCK}`, 'gu')
/** English outside these countries writes the month first. */
const DAY_FIRST_ENGLISH = /^en-(?:gb|ie|au|nz|in|za|sg|hk|pk|ng|ke)\b/i

/** The first date printed in `text`, as an ISO wall time ("2019-11-18T11:08" or "2019-11-18"); null when there is none. */
export function readDateText(text: string, lang: string | null): string | null {
  return findDate(text, lang)?.iso ?? null
}

/** The date `text` opens with ("10.12.2022, 07:00:03", "11/01/2023 12:43"), as readDateText gives it; null when it opens with something else. */
export function readLeadingDate(text: string, lang: string | null): string | null {
  const found = findDate(text, lang)
  return found?.index === 0 ? found.iso : null
}

/** Where the first printed date in `text` starts; -1 when there is none. */
export function dateIndex(text: string): number {
  return findDate(text, null)?.index ?? -1
}

/**
 * The date a paragraph opens with as a dateline: alone, or after a place
 * ("Bern, 17.08.2007 - Rede …", "Hofheim | Wiesbaden, 11. November 2021",
 * "Feb. 23, 2015 -- Life-threatening …"), and followed by nothing or a dash.
 */
export function readOpeningDateline(text: string, lang: string | null): string | null {
  const found = findDate(text, lang)
  if (!found || found.index > MAX_PLACE) return null
  const place = text.slice(0, found.index)
  const rest = text.slice(found.end)
  return (place === '' || PLACE.test(place)) && (rest.trim() === '' || DATELINE_DASH.test(rest)) ? found.iso : null
}

/** A place before a dateline's date: capitalised words (a bar between places), then a comma or a bar. */
const PLACE = /^\p{Lu}[\p{L}\s.'’()|/-]*[,|]\s*$/u
const MAX_PLACE = 60
const DATELINE_DASH = /^\s*(?:--|[-–—:])\s/

function findDate(text: string, lang: string | null): { index: number; end: number; iso: string } | null {
  let best: { index: number; end: number; iso: string } | null = null
  for (const { re, order } of FORMS) {
    for (const m of text.matchAll(re)) {
      if (best && best.index <= m.index) break
      const iso = isoOf(m[order[0]]!, m[order[1]]!, m[order[2]]!, m.slice(4))
      if (iso) best = { index: m.index, end: m.index + m[0].length, iso }
    }
  }
  for (const m of text.matchAll(SLASHED)) {
    if (best && best.index <= m.index) break
    const [, a, b, year] = m
    const monthFirst =
      Number(b) > 12 || (Number(a) <= 12 && /^en\b/i.test(lang ?? '') && !DAY_FIRST_ENGLISH.test(lang ?? ''))
    const iso = monthFirst ? isoOf(year!, a!, b!, m.slice(4)) : isoOf(year!, b!, a!, m.slice(4))
    if (iso) return { index: m.index, end: m.index + m[0].length, iso }
  }
  return best
}

/** The date a URL's path carries ("/2019/11/20/", "/2019-11-20-title"), as "2019-11-20"; null without one. */
export function readUrlDate(url: string): string | null {
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return null
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)/.exec(path)
  return m ? isoOf(m[1]!, m[2]!, m[3]!, []) : null
}

function isoOf(year: string, month: string, day: string, clock: ReadonlyArray<string | undefined>): string | null {
  const y = Number(year)
  const mo = /^\d+$/.test(month) ? Number(month) : MONTHS.get(month.toLowerCase())
  const d = Number(day)
  if (!mo || mo > 12 || d < 1 || d > 31) return null
  const check = new Date(Date.UTC(y, mo - 1, d))
  if (check.getUTCMonth() !== mo - 1) return null
  const date = `${year}-${pad(mo)}-${pad(d)}`
  const [h, mi, meridiem] = clock
  if (h === undefined || mi === undefined) return date
  let hour = Number(h)
  if (hour > 23 || Number(mi) > 59 || (meridiem && (hour === 0 || hour > 12))) return date
  if (meridiem) hour = (hour % 12) + (/p/i.test(meridiem) ? 12 : 0)
  return `${date}T${pad(hour)}:${mi}`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
