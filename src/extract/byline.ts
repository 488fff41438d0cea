/**
 * Bylines as pages give them ("By JANE DOE and John Roe | Updated April 7",
 * "by Lucas Nolan22 Dec 2016", "Written by A\nEdited by B") reduced to the
 * authors' names.
 */
import { isDateline } from './rules.js'
import { collapseWhitespace } from './text.js'
import { siteKey } from './title.js'

const AUTHOR_PREFIX =
  /^(?:(?:written|posted|reported|story|words|text|reporting|report|analysis|opinion)\s+)?(?:by|par|por)\b\s*[:\-–—]?\s*/i
const OTHER_ROLE =
  /^(?:edited|photos?|photographs|illustrations?|video|graphics|produced|translated|additional reporting)\s+by\b/i
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
  /^(?:follow(?: author| me| us)?|view (?:all )?(?:posts|articles|stories|profile)|more (?:by|from)\b.*|contact(?: author)?|e-?mail(?: author)?|share|subscribe|staff|admin|administrator|unknown|anonymous|guest|null|undefined)$/i
const URL = /\(?\s*(?:https?:\/\/|www\.)\S+\s*\)?/gi

export function cleanByline(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null
  // A prefix alone on its line ("By\n   Scott Cunningham") belongs to the next line.
  const text = raw.replace(URL, ' ').replace(/(^|\n)\s*((?:written\s+)?by|par|por)\s*\n\s*/gi, '$1$2 ')
  const segments = text
    .split(/\s*(?:\n|\s[|•·]\s|[|•·]|\s[–—]\s)\s*/)
    .map((segment) => collapseWhitespace(segment))
    .filter((segment) => segment !== '' && !OTHER_ROLE.test(segment))
  const withPrefix = segments.filter(
    (segment) => AUTHOR_PREFIX.test(segment) && segment.replace(AUTHOR_PREFIX, '') !== '',
  )
  const chosen = withPrefix.length > 0 ? withPrefix : segments
  const names: string[] = []
  for (const segment of chosen) {
    const name = cleanNames(segment.replace(AUTHOR_PREFIX, ''))
    if (name) names.push(name)
    // Without a "By", only the first line is trusted to be names (the rest is a title or an outlet).
    if (withPrefix.length === 0 && names.length > 0) break
  }
  const byline = names.join(', ')
  return byline && byline.length <= 200 ? byline : null
}

function cleanNames(segment: string): string | null {
  if (isDateline(segment)) return null
  let name = segment.replace(/\b(?:updated|published|posted|last updated|modified)\b.*$/i, '')
  for (const re of DATES) name = name.replace(re, ' ')
  name = name
    .replace(/(\p{L})\d+\b/gu, '$1') // "Nolan22"
    .replace(/\b\d+\b/g, ' ')
    .replace(/\s+(?:at|on)\s*$/i, '')
  name = collapseWhitespace(name).replace(/^[\s,;:|•·–—-]+|[\s,;:|•·–—-]+$/g, '')
  // "@NatGeoUK": a social handle, not a name.
  if (!name || !/\p{L}/u.test(name) || NOT_NAMES.test(name) || /^@\S+$/.test(name)) return null
  return name
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
  const names = byline.split(/\s*,\s*/)
  if (outletKey(names[0]!) === site) return null
  return names.filter((name) => outletKey(name) !== site).join(', ')
}
