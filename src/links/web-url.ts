/**
 * The one answer to "is this a web address?": an absolute http(s) URL with a
 * host and no user name or password. Everything that takes a link (a member's
 * post, a redirect, a page's canonical or image URL, a setting, the CLI) asks
 * here, so they cannot disagree.
 */

/** Why a text is not a web address, for callers to put in their own words. */
export type WebUrlProblem = 'empty' | 'too_long' | 'not_a_url' | 'not_http' | 'has_credentials'

export type WebUrlResult = { url: URL; problem?: undefined } | { url?: undefined; problem: WebUrlProblem }

export interface WebUrlOptions {
  /** Resolve relative references against this page. */
  base?: string
  /** Longest text accepted, before parsing. */
  maxLength?: number
}

export function readWebUrl(raw: string, options: WebUrlOptions = {}): WebUrlResult {
  const value = raw.trim()
  if (value === '') return { problem: 'empty' }
  if (options.maxLength !== undefined && value.length > options.maxLength) return { problem: 'too_long' }
  let url: URL
  try {
    url = new URL(value, options.base)
  } catch {
    return { problem: 'not_a_url' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'not_http' }
  if (url.hostname === '') return { problem: 'not_a_url' }
  if (url.username !== '' || url.password !== '') return { problem: 'has_credentials' }
  return { url }
}

/** The URL, or null when it is not a web address. */
export function parseWebUrl(raw: string | null | undefined, base?: string): URL | null {
  if (raw === null || raw === undefined) return null
  return readWebUrl(raw, base === undefined ? {} : { base }).url ?? null
}

/** Whether the text is a web address, e.g. before rendering it as a link. */
export const isWebUrl = (raw: string | null | undefined): raw is string => parseWebUrl(raw) !== null
