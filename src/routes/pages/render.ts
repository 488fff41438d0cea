import type { FastifyReply, FastifyRequest } from 'fastify'

/** Renders a page with what every page needs: the member (or null) and the current path for "log in" links. */
export function renderPage(request: FastifyRequest, reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200) {
  return reply
    .status(status)
    .header('Cache-Control', 'no-store')
    .viewAsync(template, { member: request.member, path: request.url, ...data })
}

/** Only same-site paths are followed after logging in, never another host. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/'
}

export function pageNumber(raw: unknown): number {
  const n = Number(raw ?? 1)
  return Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1
}

export const loginRedirect = (request: FastifyRequest) => `/login?next=${encodeURIComponent(request.url)}`
