/**
 * Headlines without the " | Site Name" or " - Site Name" that pages append
 * to <title>/og:title. Only a tail that really is the site's name (or its
 * host name) goes, so "Brexit - what happens next" keeps its second half.
 */
import { collapseWhitespace, textKey } from './text.js'
import { TITLE_MAX, TITLE_MIN } from '../limits.js'

// " | ", " - ", " – ", " — ", " · ", " • ", " » ", " / ", " :: ", " : ", "｜", and "_" next to CJK titles.
const SEPARATOR = /\s+(?:[|\-–—·•»/:]|::)\s+|\s*[|｜]\s*|\s*_(?=\s|[^\x00-\x7f])\s*/g

/** Key for comparing site names: "The Guardian" ≈ "the Guardian", "Factorio.com" ≈ "Factorio". */
export function siteKey(name: string): string {
  const bare = name
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?/i, '')
    .replace(/\.(?:com|org|net|co\.uk|co|io|news|info|fr|de|es|it|cz|jp|cn|ru|ca|au|in|uk|us)\/?$/i, '')
    .replace(/^the\s+/i, '')
  return textKey(bare)
}

/** The label that names a site in its host: www.ehow.com → ehow, news.bbc.co.uk → bbc. */
export function hostLabel(url: string): string | null {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return null
  }
  const labels = host.split('.').filter(Boolean)
  if (labels.length < 2) return labels[0] ?? null
  const last = labels[labels.length - 1] ?? ''
  const secondLast = labels[labels.length - 2] ?? ''
  const dropTwo = last.length === 2 && /^(?:co|com|org|net|gov|ac|edu|ne|or|go)$/.test(secondLast)
  return labels[labels.length - (dropTwo ? 3 : 2)] ?? null
}

function isSiteName(part: string, siteNames: readonly string[], host: string | null): boolean {
  const key = siteKey(part)
  if (key.length < 2 || part.length > 60) return false
  if (host && key === textKey(host)) return true
  return siteNames.some((name) => {
    const site = siteKey(name)
    if (!site) return false
    if (site === key) return true
    // "Mozilla Hacks" for "Mozilla Hacks – the Web developer blog", "Guardian US" for "The Guardian".
    return Math.min(site.length, key.length) >= 4 && (site.startsWith(key) || key.startsWith(site))
  })
}

export function stripSiteName(title: string, siteNames: ReadonlyArray<string | null>, url?: string): string {
  const clean = collapseWhitespace(title)
  const names = siteNames.filter((n): n is string => typeof n === 'string' && n.trim() !== '')
  const host = url ? hostLabel(url) : null
  const separators = [...clean.matchAll(SEPARATOR)]
  const last = separators[separators.length - 1]
  if (last?.index !== undefined && last.index > 0) {
    const head = clean.slice(0, last.index)
    const tail = clean.slice(last.index + last[0].length)
    if (head.length >= 10 && isSiteName(tail, names, host)) return head.trim()
  }
  const first = separators[0]
  if (first?.index !== undefined && first.index > 0) {
    const head = clean.slice(0, first.index)
    const rest = clean.slice(first.index + first[0].length)
    if (rest.length >= 10 && isSiteName(head, names, host)) return rest.trim()
  }
  return clean
}

/** Drops a trailing " | Author Name" when it is exactly the byline. */
export function stripAuthor(title: string, byline: string | null): string {
  if (!byline) return title
  const separators = [...title.matchAll(SEPARATOR)]
  const last = separators[separators.length - 1]
  if (last?.index === undefined || last.index < 10) return title
  const tail = title.slice(last.index + last[0].length)
  return textKey(tail) === textKey(byline) ? title.slice(0, last.index).trim() : title
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut.slice(0, max - 1)).replace(/[\s,;:–—-]+$/, '')}…`
}

/**
 * A headline of 3 to 200 visible characters: invisible and control characters
 * go, long ones are cut at a word; a page with no usable headline is named by
 * the first of `fallbacks` (the lede) that is long enough.
 */
export function finishTitle(title: string, fallbacks: readonly string[]): string {
  for (const candidate of [title, ...fallbacks]) {
    const clean = collapseWhitespace(candidate.replace(INVISIBLE, ' '))
    if (clean.length >= TITLE_MIN) return cutAtWord(clean, TITLE_MAX)
  }
  return 'Untitled article'
}
