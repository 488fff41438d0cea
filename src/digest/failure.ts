/**
 * Why a digest could not be made, in words a member understands. `permanent`
 * failures are not retried; the others are retried with backoff.
 */
export type FailureReason =
  | 'invalid_url'
  | 'blocked_address'
  | 'blocked_site'
  | 'not_found'
  | 'refused'
  | 'http_error'
  | 'not_html'
  | 'too_large'
  | 'too_many_redirects'
  | 'timeout'
  | 'network'
  | 'not_article'
  | 'paywalled'

export class DigestFailure extends Error {
  constructor(
    readonly reason: FailureReason,
    message: string,
    readonly permanent: boolean,
    /** The site's Retry-After, in ms from now, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'DigestFailure'
  }
}

/** A wait a site asked for, in words: "45 seconds", "10 minutes", "2 hours". */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 120) return plural(seconds, 'second')
  if (seconds < 2 * 3600) return plural(Math.round(seconds / 60), 'minute')
  return plural(Math.round(seconds / 3600), 'hour')
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`
