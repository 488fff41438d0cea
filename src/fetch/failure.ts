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
  ) {
    super(message)
    this.name = 'DigestFailure'
  }
}
