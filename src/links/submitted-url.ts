import { URL_MAX } from '../limits.js'
import { readWebUrl, type WebUrlProblem } from './web-url.js'

/** What a member typed, read as a link to post: the URL, or why not, in plain words. */
export type SubmittedUrl =
  { url: URL; problem?: undefined } | { url?: undefined; problem: WebUrlProblem; message: string }

export function readSubmittedUrl(raw: string): SubmittedUrl {
  const read = readWebUrl(raw, { maxLength: URL_MAX })
  if (!read.problem) return read
  return { problem: read.problem, message: messageFor(read.problem, raw.trim()) }
}

function messageFor(problem: WebUrlProblem, value: string): string {
  switch (problem) {
    case 'empty':
      return 'Paste the link of a news article.'
    case 'too_long':
      return `Links are at most ${URL_MAX} characters long.`
    case 'not_a_url':
      return `"${value}" is not a web address; paste a link starting with https://.`
    case 'not_http':
      return 'Only http:// and https:// links can be posted.'
    case 'has_credentials':
      return 'Links with a user name or password cannot be posted.'
  }
}
