import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once this response holds a reader's own `<style>`: the CSP then allows those (their hashes). */
    styleSources: string[] | undefined
  }
}

/**
 * Scripts and style sheets are files under /static; nothing inline runs. The one exception is the
 * few lines of CSS a member's page carries for them alone (posts of members they ignore, unread
 * marks, their own replies' links): the policy of that answer names each of those `<style>`
 * elements by its hash (`styleSourcesOf`). An injected `<style>` matches only if it is one of
 * them, word for word, and a member's page needs nothing new per response, so it is kept whole.
 */
const POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'style-src': ["'self'"],
}

const policyText = (policy: Record<string, string[]>) =>
  Object.entries(policy)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join(';')

/** The policy with an answer's own styles: built from text made once, their sources appended (style-src comes last). */
const POLICY_WITH_STYLES_START = policyText(POLICY)

/** HSTS only over TLS (the connection's or, with TRUST_PROXY, the proxy's X-Forwarded-Proto). */
const HSTS = 'max-age=31536000; includeSubDomains'

/**
 * Helmet's headers, as it would set them on a response: its directives are all fixed strings, so
 * they are the same for every answer and are worked out once, here.
 */
function helmetHeaders(policy: Record<string, string[]>): Record<string, string> {
  const headers: Record<string, string> = {}
  const capture = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  }
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: policy },
    // Sent per request below, only when the request came over TLS.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // No browser in use reads these any more (the XSS auditor, IE8's downloads, Flash's policy
    // files); each would add its bytes to every answer.
    xXssProtection: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
  })({} as IncomingMessage, capture as unknown as ServerResponse, () => undefined)
  return headers
}

/**
 * Helmet's headers for every answer, given to Fastify's own header object: setting them on the
 * raw response one by one per request (as helmet and @fastify/helmet do) costs the page ceiling
 * several percent, and sends Node's header writing down its slower path.
 */
function headerSetter(headers: Record<string, string>) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.headers(headers)
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS)
    done()
  }
}

const SITE_HEADERS = helmetHeaders(POLICY)
const SITE_HEADERS_OVER_TLS = { ...SITE_HEADERS, 'strict-transport-security': HSTS }

/** The headers every answer of the site carries, as the hook below sets them (for answers made without Fastify). */
export const siteHeaders = (overTls: boolean): Readonly<Record<string, string>> =>
  overTls ? SITE_HEADERS_OVER_TLS : SITE_HEADERS

/**
 * The CSP sources of the `<style>` elements in a reader's parts of a page (our own templates: what
 * members and sources wrote is escaped, so it never makes a `<style>`): the hash of each one's text.
 */
export function styleSourcesOf(html: string): string[] {
  const sources: string[] = []
  for (const [, css] of html.matchAll(/<style>([^<]*)<\/style>/g))
    sources.push(`'sha256-${createHash('sha256').update(css!).digest('base64')}'`)
  return sources
}

/** The Content-Security-Policy of an answer whose inline styles have these sources. */
export const policyWithStyles = (sources: readonly string[]) =>
  sources.length ? `${POLICY_WITH_STYLES_START} ${[...new Set(sources)].join(' ')}` : undefined

/** Notes the inline styles of a reader's part of a page rendered for this request. */
export function noteStyles(request: FastifyRequest, html: string): string {
  const sources = styleSourcesOf(html)
  if (sources.length) (request.styleSources ??= []).push(...sources)
  return html
}

/**
 * A scope whose own pages need a looser policy (Bull Board's app sets styles inline): its headers
 * replace the site's for the routes in that scope.
 */
export const looserHeaders = (policy: Record<string, string[]>) => headerSetter(helmetHeaders({ ...POLICY, ...policy }))

export default fp(
  async (app) => {
    app.decorateRequest('styleSources', undefined)
    app.addHook('onRequest', headerSetter(SITE_HEADERS))
    app.addHook('onSend', (request, reply, payload, done) => {
      const policy = request.styleSources && policyWithStyles(request.styleSources)
      if (policy) reply.header('Content-Security-Policy', policy)
      done(null, payload)
    })
  },
  { name: 'security-headers' },
)
