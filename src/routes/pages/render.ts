import type { FastifyReply, FastifyRequest } from 'fastify'

/** Renders a page with what every page needs: the member (or null) and the current path for "log in" links. */
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
    .viewAsync(template, { member: request.member, path: request.url, ...data })
}

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

export function pageNumber(raw: unknown): number {
  const n = Number(raw ?? 1)
  return Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1
}

export const loginRedirect = (request: FastifyRequest) => `/login?next=${encodeURIComponent(request.url)}`
