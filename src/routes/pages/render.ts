import type { FastifyReply, FastifyRequest } from 'fastify'
import { fillSlot, readerOf, type SlotName } from '../../views/member-slots.js'
import type { AppError } from '../../errors.js'
import { toPublicError } from '../errors.js'
import { noteStyles } from '../../plugins/security-headers.js'
import { asciiHtml } from '../../render/ascii-output.js'

/** What every page rendered for one request needs: the member (or null), the path for "log in" links, their parts. */
export function pageContext(request: FastifyRequest) {
  const reader = readerOf(request)
  return {
    member: request.member,
    path: request.url,
    slot: (name: SlotName, slotData: object) => noteStyles(request, fillSlot(name, slotData, reader)),
  }
}

/**
 * Renders a page for this request alone (a form shown again, an error), its reader's parts filled
 * in at once. Pages every reader sees alike go through the page cache instead (plugins/page-cache.ts).
 */
export function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  return reply
    .status(status)
    .header('Cache-Control', 'no-store')
    .viewAsync(template, { ...pageContext(request), ...data })
    .then(asciiHtml)
}

/**
 * Why the form's schema refused what was sent, in words for the form;
 * undefined when it passed. Only the fields are the member's to fix: a bad
 * address is an error page like any other.
 */
export function formRefusal(request: FastifyRequest): string | undefined {
  const err = request.validationError
  if (!err) return undefined
  if (err.validationContext !== 'body') throw err
  return toPublicError(err).message
}

/**
 * Browsers count a line break as one character against `maxlength` but send
 * it as two (CR LF); made one again before validation, a field is as long as
 * the form said it could be.
 */
export function joinLineBreaks(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  const body = request.body
  if (typeof body === 'object' && body !== null) {
    const fields = body as Record<string, unknown>
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === 'string' && value.includes('\r')) fields[name] = value.replace(/\r\n?/g, '\n')
    }
  }
  done()
}

/**
 * The status of a form shown again after a refusal, with Retry-After when the refusal passes by
 * itself (a rate limit): the member's text stays in the form, and they know when to send it.
 */
export function refusal(reply: FastifyReply, err: AppError): number {
  if (err.retryAfterSeconds !== undefined) reply.header('Retry-After', String(err.retryAfterSeconds))
  return err.status
}

/**
 * Whether a form whose own checks refused it is shown again with the member's text: what they sent
 * was not valid (400), or they are suspended (what they wrote waits for the end of it).
 */
export const isFormRefusal = (err: AppError) => err.status === 400 || err.code === 'suspended'

/** A field as typed, to show again in a refused form (a refused body may hold anything). */
export const typed = (value: unknown) => (typeof value === 'string' ? value : '')

/**
 * Only a path on this site is followed after logging in. Resolving against a
 * placeholder origin catches every way to name another host ("//x", "/\\x",
 * and tabs or newlines that browsers strip, as in "/\t/x").
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return '/'
  try {
    const url = new URL(next, 'http://placeholder.invalid')
    return url.origin === 'http://placeholder.invalid' && !/[\s\\]/.test(next) ? `${url.pathname}${url.search}` : '/'
  } catch {
    return '/'
  }
}

export const loginRedirect = (request: FastifyRequest) => `/login?next=${encodeURIComponent(request.url)}`
