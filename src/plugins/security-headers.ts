import { randomFillSync } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import helmet from 'helmet'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once this response holds a reader's own `<style>`: the CSP then allows that nonce. */
    styleNonce: string | undefined
  }
}

/**
 * Scripts and style sheets are files under /static; nothing inline runs. The one exception is the
 * few lines of CSS a member's page carries for them alone (posts of members they ignore, unread
 * marks, their own replies' links): those `<style>` elements are filled in per request, outside
 * the cached page, with a nonce made for that response (`styleNonceOf`), so a shared cached page
 * never holds a nonce and an injected `<style>` never matches one.
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

/** The policy with one response's nonce: built from text made once, the nonce appended. */
const POLICY_WITH_NONCE_START = `${policyText(POLICY)} 'nonce-`

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
function headerSetter(policy: Record<string, string[]>) {
  const headers = helmetHeaders(policy)
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.headers(headers)
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS)
    done()
  }
}

/** 128 bits per nonce, as CSP asks; random bytes are drawn for many at once (one call costs what 256 do). */
const NONCE_BYTES = 16
const nonceBytes = Buffer.alloc(NONCE_BYTES * 256)
let nonceAt = nonceBytes.length

function nextNonce(): string {
  if (nonceAt === nonceBytes.length) {
    randomFillSync(nonceBytes)
    nonceAt = 0
  }
  nonceAt += NONCE_BYTES
  return nonceBytes.toString('base64', nonceAt - NONCE_BYTES, nonceAt)
}

/** The nonce of this response's inline styles, made on first use. */
export const styleNonceOf = (request: FastifyRequest) => (request.styleNonce ??= nextNonce())

/**
 * A scope whose own pages need a looser policy (Bull Board's app sets styles inline): its headers
 * replace the site's for the routes in that scope.
 */
export const looserHeaders = (policy: Record<string, string[]>) => headerSetter({ ...POLICY, ...policy })

export default fp(
  async (app) => {
    app.decorateRequest('styleNonce', undefined)
    app.addHook('onRequest', headerSetter(POLICY))
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.styleNonce !== undefined) {
        reply.header('Content-Security-Policy', `${POLICY_WITH_NONCE_START}${request.styleNonce}'`)
      }
      done(null, payload)
    })
  },
  { name: 'security-headers' },
)
