/**
 * Why a digest could not be made, in words a member understands. `permanent`
 * failures are not retried; the others are retried with backoff.
 */
export type FailureReason =
  | 'invalid_url'
  | 'blocked_address'
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
