import type { IncomingHttpHeaders } from 'node:http'
import { isIP } from 'node:net'
import { Agent, Pool, request, type Dispatcher } from 'undici'
import {
  BlockedAddressError,
  createGuardedLookup,
  isPermittedDestination,
  portOf,
  refusalMessage,
  type AllowList,
} from './address-guard.js'
import { DigestFailure, describeWait } from '../digest/failure.js'
import { readWebUrl, type WebUrlProblem } from '../links/web-url.js'
import {
  canDecode,
  createDecoders,
  decodeHtml,
  firstHeader,
  parseContentCodings,
  readBody,
  tooLarge,
} from './decode-body.js'

export interface FetchOptions {
  allowHosts: AllowList
  /** Names the service, e.g. 'Broadsheet/0.1 (+http://localhost:3000)'. */
  userAgent: string
  /** Budget for the whole fetch: lookups, connections, every redirect hop and the whole body. */
  timeoutMs: number
  /** Cap on the decompressed body. */
  maxBytes: number
  maxRedirects: number
  /**
   * Ends the fetch early (the worker is stopping): it then rejects with the signal's reason, not a
   * `DigestFailure`, since the site did nothing wrong.
   */
  stop?: AbortSignal | undefined
}

export interface FetchedPage {
  /** Final URL, after redirects. */
  url: string
  /** URLs that answered with a redirect, in order, starting with the submitted one. */
  redirects: string[]
  status: number
  contentType: string
  html: string
}

const REQUEST_HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en',
}

const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml'])
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])
const CONNECT_ERRORS: ReadonlySet<string> = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
const TIMEOUT_ERRORS: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
])
const agents = new WeakMap<AllowList, Agent>()

/**
 * Asked before each address a fetch requests, the link's own and every redirect's: a
 * `DigestFailure` refuses it (nothing is requested from it), undefined lets the fetch go on.
 * `redirected` says whether the address came from a redirect.
 */
export type TargetScreen = (url: URL, redirected: boolean) => Promise<DigestFailure | undefined>

/** The screen's own trouble (the database away), carried past the fetch's failures unchanged. */
class ScreenError extends Error {
  constructor(readonly original: unknown) {
    super('The fetch target could not be screened.')
  }
}

/**
 * Fetches a member-submitted URL as HTML, following redirects by hand so that
 * every hop is checked against the address guard, and turns every way it can
 * go wrong into a `DigestFailure` with a message a member understands. The
 * whole fetch, from the first lookup to the body's last byte, ends by
 * `timeoutMs`: a site that trickles a byte at a time never resets a clock.
 */
export async function fetchPage(url: string, options: FetchOptions, screen?: TargetScreen): Promise<FetchedPage> {
  const timeout = AbortSignal.timeout(options.timeoutMs)
  const signal = options.stop ? AbortSignal.any([timeout, options.stop]) : timeout
  const progress: Progress = { answered: false }
  try {
    return await withinDeadline(followRedirects(url, options, signal, progress, screen), signal)
  } catch (error) {
    if (error instanceof ScreenError) throw error.original
    options.stop?.throwIfAborted()
    throw toDigestFailure(error, options, signal, progress)
  }
}

async function checkTarget(screen: TargetScreen | undefined, url: URL, redirected: boolean): Promise<void> {
  if (!screen) return
  const refusal = await screen(url, redirected).catch((err: unknown) => {
    throw new ScreenError(err)
  })
  if (refusal) throw refusal
}

/** How far a fetch got, to say which part of it was too slow. */
interface Progress {
  /** The final response's headers are in; only its body is missing. */
  answered: boolean
}

/** undici heeds the signal only once it has a connection: a lookup or connect that hangs must end by it too. */
function withinDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

async function followRedirects(
  url: string,
  options: FetchOptions,
  signal: AbortSignal,
  progress: Progress,
  screen: TargetScreen | undefined,
): Promise<FetchedPage> {
  const dispatcher = getAgent(options.allowHosts)
  const redirects: string[] = []
  let target = parseTarget(url)
  for (;;) {
    checkAddressLiteral(target, options.allowHosts)
    await checkTarget(screen, target, redirects.length > 0)
    const response = await request(target, {
      dispatcher,
      signal,
      headers: { ...REQUEST_HEADERS, 'user-agent': options.userAgent },
    })
    const location = firstHeader(response.headers, 'location')
    if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) {
      progress.answered = true
      const page = await readPage(target, response, options)
      return { ...page, redirects }
    }
    await response.body.dump()
    redirects.push(target.href)
    target = resolveRedirect(location, target)
    if (redirects.includes(target.href)) {
      throw new DigestFailure('too_many_redirects', 'The link keeps redirecting in a circle.', true)
    }
    if (redirects.length > options.maxRedirects) {
      throw new DigestFailure(
        'too_many_redirects',
        `The link redirected too many times (more than ${options.maxRedirects}).`,
        true,
      )
    }
  }
}

/**
 * Follows a link's redirects for as long as `through` says the address is a redirector's (a link
 * shortener), with the address guard on every hop, and returns the first address past them. No
 * page is read: a redirector answers with a redirect or not at all.
 */
export async function followRedirector(
  url: string,
  options: Omit<FetchOptions, 'maxBytes'>,
  through: (url: URL) => boolean,
): Promise<string> {
  const signal = AbortSignal.timeout(options.timeoutMs)
  const walk = async () => {
    const dispatcher = getAgent(options.allowHosts)
    const hops: string[] = []
    let target = parseTarget(url)
    while (through(target)) {
      if (hops.length > options.maxRedirects)
        throw new DigestFailure('too_many_redirects', 'The link redirected too many times.', true)
      checkAddressLiteral(target, options.allowHosts)
      const response = await request(target, {
        dispatcher,
        signal,
        headers: { ...REQUEST_HEADERS, 'user-agent': options.userAgent },
      })
      await response.body.dump()
      const location = firstHeader(response.headers, 'location')
      if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) {
        if (response.statusCode >= 400) throw failForStatus(response.statusCode, undefined)
        throw new DigestFailure('http_error', 'The link shortener did not lead anywhere.', true)
      }
      hops.push(target.href)
      target = resolveRedirect(location, target)
      if (hops.includes(target.href))
        throw new DigestFailure('too_many_redirects', 'The link redirects in a circle.', true)
    }
    return target.href
  }
  try {
    return await withinDeadline(walk(), signal)
  } catch (error) {
    throw toDigestFailure(error, options, signal, { answered: false })
  }
}

/** One agent per allow list; each origin gets a pool whose lookup knows the origin's port. */
function getAgent(allow: AllowList): Agent {
  let agent = agents.get(allow)
  if (!agent) {
    agent = new Agent({
      factory: (origin, opts) =>
        new Pool(origin, {
          ...(opts as Pool.Options),
          connect: { lookup: createGuardedLookup(allow, portOf(new URL(String(origin)))) },
        }),
    })
    agents.set(allow, agent)
  }
  return agent
}

const INVALID_TARGET: Record<WebUrlProblem, string> = {
  empty: 'The link is not a valid web address.',
  too_long: 'The link is not a valid web address.',
  not_a_url: 'The link is not a valid web address.',
  not_http: 'The link must start with http:// or https://.',
  has_credentials: 'Links with a user name or password in them are not accepted.',
}

function parseTarget(input: string): URL {
  const { url, problem } = readWebUrl(input)
  if (problem) throw new DigestFailure('invalid_url', INVALID_TARGET[problem], true)
  return url
}

function resolveRedirect(location: string, base: URL): URL {
  const { url, problem } = readWebUrl(location, { base: base.href })
  if (!problem) return url
  if (problem === 'empty' || problem === 'not_a_url')
    throw new DigestFailure('http_error', 'The site redirected to an invalid address.', true)
  throw new DigestFailure('invalid_url', INVALID_TARGET[problem], true)
}

/** net.connect skips the lookup for IP-literal hosts, so the guarded lookup never sees them. */
function checkAddressLiteral(url: URL, allow: AllowList): void {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  const port = portOf(url)
  if (isIP(host) && !isPermittedDestination(allow, host, host, port)) {
    throw new BlockedAddressError(host, host, port)
  }
}

async function readPage(
  url: URL,
  { statusCode, headers, body }: Dispatcher.ResponseData,
  options: FetchOptions,
): Promise<Omit<FetchedPage, 'redirects'>> {
  const failure = checkResponse(statusCode, headers, options.maxBytes)
  if (failure) {
    await body.dump()
    throw failure
  }
  const bytes = await readBody(body, createDecoders(parseContentCodings(headers)), options.maxBytes)
  const contentType = firstHeader(headers, 'content-type') ?? ''
  return { url: url.href, status: statusCode, contentType, html: decodeHtml(bytes, contentType) }
}

/** Why the response cannot be our page, judged before reading the body. */
function checkResponse(status: number, headers: IncomingHttpHeaders, maxBytes: number): DigestFailure | undefined {
  if (status < 200 || status > 299) return failForStatus(status, parseRetryAfter(firstHeader(headers, 'retry-after')))
  const mimeType = firstHeader(headers, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!HTML_TYPES.has(mimeType)) {
    const what = mimeType === '' ? 'the site did not say what it is' : `it is ${mimeType}`
    return new DigestFailure('not_html', `The link is not a web page (${what}).`, true)
  }
  if (Number(firstHeader(headers, 'content-length')) > maxBytes) return tooLarge(maxBytes)
  const unsupported = parseContentCodings(headers).find((coding) => !canDecode(coding))
  if (unsupported !== undefined) {
    return new DigestFailure('http_error', `The site sent the page in a format we cannot read (${unsupported}).`, true)
  }
  return undefined
}

/** Retry-After as seconds or an HTTP date; capped, since a site may ask for days. */
const MAX_RETRY_AFTER_MS = 6 * 3600_000
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined
}

function failForStatus(status: number, retryAfterMs: number | undefined): DigestFailure {
  if (status === 404 || status === 410) {
    return new DigestFailure('not_found', `The page was not found (HTTP ${status}).`, true)
  }
  if (status === 401 || status === 403 || status === 451) {
    return new DigestFailure('refused', `The site refused to give us the page (HTTP ${status}).`, true)
  }
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` ${describeWait(retryAfterMs)}`
    const message = `The site asked us to wait${wait} before trying again (HTTP ${status}).`
    return new DigestFailure('refused', message, false, retryAfterMs)
  }
  if (status >= 500) {
    const comeBack = retryAfterMs === undefined ? '' : `; it asked us to come back in ${describeWait(retryAfterMs)}`
    const message = `The site had a problem and could not give us the page (HTTP ${status})${comeBack}.`
    return new DigestFailure('http_error', message, false, retryAfterMs)
  }
  return new DigestFailure('http_error', `The site did not give us the page (HTTP ${status}).`, true)
}

function toDigestFailure(
  error: unknown,
  options: Pick<FetchOptions, 'timeoutMs'>,
  signal: AbortSignal,
  progress: Progress,
): DigestFailure {
  if (error instanceof DigestFailure) return error
  const chain = listCauses(error)
  const blocked = chain.find((cause) => cause instanceof BlockedAddressError)
  if (blocked) return new DigestFailure('blocked_address', refusalMessage(blocked.address, blocked.port), true)
  const code = chain.map((cause) => (cause as NodeJS.ErrnoException).code).find((code) => code !== undefined)
  if (signal.aborted || (code !== undefined && TIMEOUT_ERRORS.has(code))) {
    const seconds = options.timeoutMs / 1000
    const message = progress.answered
      ? `The site was too slow sending the page (not finished after ${seconds} s).`
      : `The site did not answer within ${seconds} s.`
    return new DigestFailure('timeout', message, false)
  }
  if (code === 'ENOTFOUND') {
    return new DigestFailure('not_found', "The site's address could not be found.", true)
  }
  if (code !== undefined && CONNECT_ERRORS.has(code)) {
    return new DigestFailure('network', 'We could not connect to the site.', false)
  }
  return new DigestFailure('network', 'The connection to the site broke off.', false)
}

/** The error and its `cause`s, since undici may wrap the socket error we need to classify. */
function listCauses(error: unknown): Error[] {
  const chain: Error[] = []
  for (let cause = error; cause instanceof Error && !chain.includes(cause); cause = cause.cause) chain.push(cause)
  return chain
}
