/**
 * Bylines as pages give them ("By JANE DOE and John Roe | Updated April 7",
 * "by Lucas Nolan22 Dec 2016", "Written by A\nEdited by B") reduced to the
 * authors' names.
 */
import { dateIndex, isMonthName } from './date-text.js'
import { isDateline } from './rules.js'
import { collapseWhitespace } from './text.js'
import { siteKey } from './title.js'

const AUTHOR_PREFIX =
  /^(?:(?:written|posted|reported|story|words|text|reporting|report|analysis|opinion|recipe|published|veröffentlicht|publiziert|geschrieben|publié|publicado)\s+)?(?:(?:by|von|par|por|door|przez)\b|(?:author|autor|autorin|auteur)\s*:)\s*[:\-–—]?\s*/i
const OTHER_ROLE =
  /^(?:(?:edited|photos?|photographs|illustrations?|video|graphics|produced|translated|additional reporting)\s+by\b|(?:photos?|fotos?|bilder?|images?|credits?)\s*:)/i
const OTHER_ROLE_INLINE =
  /\s+(?=(?:edited|photos?|photographs|illustrations?|video|graphics|produced|translated|additional reporting)\s+by\b)/i
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const DATES: readonly RegExp[] = [
  new RegExp(`\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\s+\\d{4}`, 'gi'),
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`, 'gi'),
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, 'gi'),
  /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?/g,
  /\d{1,2}[/.]\d{1,2}[/.]\d{2,4}/g,
  /\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?/gi,
]
const NOT_NAMES =
  /^(?:follow(?: author| me| us)?|view (?:all )?(?:posts|articles|stories|profile)|more (?:by|from)\b.*|contact(?: author)?|e-?mail(?: author)?|share|subscribe|staff|staff writer|staff reporter|editor|editors|\w*admin|administrator|webmaster|user|unknown|anonymous|guest|null|undefined)$/i
/** A company or association signing ("Olympia-Verlag GmbH", "Deutscher Caritasverband e. V."), or its copyright line. */
const ORGANISATION = /\b(?:GmbH|AG|KG|e\.\s?V\.?|Inc\.?|Ltd\.?|LLC|Verlag)(?:\s|$)|^(?:©|\(c\)|[Cc]opyright\b)/
const EMAIL = /\S+@\S+\.\w+/g
const URL = /\(?\s*(?:https?:\/\/|www\.)\S+\s*\)?/gi

/**
 * The authors' names in a byline as a page prints it; a list of names (JSON-LD
 * authors, one meta tag each) is cleaned name by name and joined "A, B and C".
 */
export function cleanByline(raw: string | readonly string[] | null | undefined): string | null {
  if (Array.isArray(raw)) return joinNames([...new Set(raw.flatMap((name) => cleanByline(name) ?? []))])
  if (typeof raw !== 'string') return null
  // A prefix alone on its line ("By\n   Scott Cunningham") belongs to the next line.
  const text = decodeCharacterReferences(raw)
    .replace(URL, ' ')
    .replace(EMAIL, ' ')
    .replace(/(^|\n)\s*((?:written\s+)?by|par|por)\s*\n\s*/gi, '$1$2 ')
  const segments = text
    .split(/\s*(?:\n|\s[|•·]\s|[|•·]|\s[–—]\s)\s*/)
    // "Written by A Edited by B" on one line: the editor's credit is a segment of its own.
    .flatMap((segment) => segment.split(OTHER_ROLE_INLINE))
    .map((segment) => collapseWhitespace(segment))
    .filter((segment) => segment !== '' && !OTHER_ROLE.test(segment))
  const withPrefix = segments.filter(
    (segment) => AUTHOR_PREFIX.test(segment) && segment.replace(AUTHOR_PREFIX, '') !== '',
  )
  const chosen = withPrefix.length > 0 ? withPrefix : segments
  const names: string[] = []
  for (const segment of chosen) {
    const name = cleanNames(segment.replace(AUTHOR_PREFIX, ''))
    if (name && !names.includes(name)) names.push(name)
    // Without a "By", only the first line is trusted to be names (the rest is a title or an outlet).
    if (withPrefix.length === 0 && names.length > 0) break
  }
  const byline = joinNames(names)
  return byline && byline.length <= 200 ? byline : null
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', quot: '"', apos: "'", nbsp: ' ' }
/** Accents as named references spell them ("&oacute;"), as combining marks. */
const ACCENTS: Readonly<Record<string, string>> = {
  acute: '\u0301',
  grave: '\u0300',
  uml: '\u0308',
  circ: '\u0302',
  tilde: '\u0303',
  cedil: '\u0327',
  ring: '\u030a',
}

/** "O&#8217;Donnell", "Redacci&oacute;n": character references a page escaped twice. */
function decodeCharacterReferences(text: string): string {
  return text
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (ref, code: string) => {
      const point = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : Number(code)
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : ref
    })
    .replace(/&([a-z])(acute|grave|uml|circ|tilde|cedil|ring);/gi, (_, letter: string, accent: string) =>
      `${letter}${ACCENTS[accent.toLowerCase()]}`.normalize('NFC'),
    )
    .replace(/&(amp|quot|apos|nbsp);/gi, (_, name: string) => NAMED_REFERENCES[name.toLowerCase()]!)
}

/** Words that join a dateline to a name or stand in it ("am Samstag, 19. Oktober", "le 3 mai", "on Monday"). */
const DATE_WORD =
  /^(?:am|on|at|um|le|el|il|em|den|dnia|vom|the|de|du|of|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)$/i
/** A degree after a name ("Brenda Goodman, MA"), not a second author. */
const DEGREE = /^(?:M\.?A|M\.?S|M\.?D|Ph\.?D|MBA|MPH|RN|DVM|B\.?A|B\.?Sc?|M\.?Sc)\.?$/
/** A desk or editorial team, not a person ("Redaktion MSM", "JuraForum.de-Redaktion", "Staff and wire reports"). */
const DESK =
  /(?:^|[\s-])(?:redaktion|rédaction|redacción|redazione|redakcja|redactie|newsroom|newsdesk|team|webteam)(?:$|\s)|^staff\b.*\breports?$/i

/** One segment of a byline without its date, degrees, desks and placeholders; null when no name is left. */
function cleanNames(segment: string): string | null {
  if (isDateline(segment)) return null
  let text = segment.replace(
    /\b(?:updated|published|posted|last updated|modified|publiziert|veröffentlicht|aktualisiert|publié|publicado|pubblicato|opublikowano)\b(?!\s+(?:by|von|par|por)\b).*$/i,
    '',
  )
  // A printed date ("am Samstag, 19. Oktober 2019 um 11:14 Uhr", "Februar 2020") ends the names, with the words leading to it.
  const date = [dateIndex(text), monthYearIndex(text)].filter((i) => i >= 0)
  if (date.length > 0) {
    const words = text.slice(0, Math.min(...date)).split(/\s+/)
    while (words.length > 0 && isDateWord(words.at(-1)!)) words.pop()
    text = words.join(' ')
  }
  for (const re of DATES) text = text.replace(re, ' ')
  text = text
    .replace(/(\p{L})\d+\b/gu, '$1') // "Nolan22"
    .replace(/\b\d+\b/g, ' ')
    // "at", "on", "am", "um" left where the page printed the date in an element of its own.
    .replace(/\s+(?:at|on|am|um)\s*$/i, '')
  const names = text
    .split(/\s*,\s*/)
    .map((part) => collapseWhitespace(part).replace(/^[\s;:|•·–—-]+|[\s;:|•·–—-]+$/g, ''))
    // "@NatGeoUK": a social handle, not a name.
    .filter((name) => /\p{L}/u.test(name) && !NOT_NAMES.test(name) && !/^@\S+$/.test(name))
    .filter((name) => !DESK.test(name) && !DEGREE.test(name))
  // An organisation first is the signer, and what follows it is its address.
  if (names.length > 0 && ORGANISATION.test(names[0]!)) return null
  const people = names.filter((name) => !ORGANISATION.test(name))
  return people.length > 0 ? people.join(', ') : null
}

function isDateWord(word: string): boolean {
  const bare = word.replace(/[.,]+$/, '')
  return bare === '' || DATE_WORD.test(bare)
}

/** Where a month and year without a day ("Dezember 2019") start; -1 when there is none. */
function monthYearIndex(text: string): number {
  for (const m of text.matchAll(/(?<![\p{L}\d])(\p{L}{3,})\.?\s+(?:19|20)\d{2}\b/gu))
    if (isMonthName(m[1]!)) return m.index
  return -1
}

// Words an outlet adds to its own name when it signs as author: "BBC News", "Fox News Staff", "The Times Online".
const OUTLET_SUFFIX = /(?:\s+(?:news|staff|online|newsroom|desk|team|editors|editorial|reporters|wire))+$/i

/** Key for comparing a byline name with the site's name: case, punctuation, "The", ".com" and outlet words ignored. */
function outletKey(name: string): string {
  return siteKey(
    collapseWhitespace(name)
      .replace(/[.,;:!]+$/, '')
      .replace(OUTLET_SUFFIX, ''),
  )
}

/**
 * The byline without the site signing as its author ("BBC NEWS / By BBC
 * News"): null when it leads the byline (what follows it is its place or
 * desk), else only its own name goes ("Jane Doe, BBC News"). Names must equal
 * the site's, not merely share a word with it, so a person is never taken
 * for the outlet.
 */
export function withoutSiteName(byline: string | null, siteName: string | null): string | null {
  if (!byline || !siteName) return byline
  const site = outletKey(siteName)
  if (!site) return byline
  const names = byline.split(/\s*,\s*|\s+and\s+/)
  if (outletKey(names[0]!) === site) return null
  return joinNames(names.filter((name) => outletKey(name) !== site))
}
