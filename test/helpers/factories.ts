import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'

export const uniqueName = (prefix = 'member') => `${prefix}_${randomBytes(4).toString('hex')}`

export async function registerMember(app: FastifyInstance, username = uniqueName()) {
  const password = `pw-${randomBytes(6).toString('hex')}`
  const res = await app.inject({ method: 'POST', url: '/api/register', payload: { username, password } })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`)
  const body = res.json() as { user: { id: number; username: string }; token: string }
  return { ...body, password, auth: { authorization: `Bearer ${body.token}` } }
}

/** Logs in through the HTML form and returns the session cookie header. */
export async function browserSession(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ url: '/login', ...formPost({ username, password, next: '/' }) })
  const cookie = res.cookies.find((c) => c.name === 'broadsheet_session')
  if (res.statusCode !== 303 || !cookie) throw new Error(`login failed: ${res.statusCode}`)
  return `${cookie.name}=${cookie.value}`
}

/** Polls the API until the thread's digest is done (ready or failed); a guard, not a timing assertion. */
export async function waitForDigest(app: FastifyInstance, id: number, limitMs = 30_000) {
  const deadline = Date.now() + limitMs
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/threads/${id}` })
    const { thread } = res.json() as { thread: { status: string; [key: string]: unknown } }
    if (thread.status === 'ready' || thread.status === 'failed') return thread
    if (Date.now() > deadline) throw new Error(`thread ${id} still ${thread.status} after ${limitMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** An HTML form submission for app.inject (an object payload would be sent as JSON). */
export const formPost = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
})

/** POST /api/threads as `headers` (a member's Bearer auth): the answer, for the test to check. */
export const postLink = (
  app: FastifyInstance,
  headers: Record<string, string>,
  payload: { url: string; forum: string; comment?: string },
) => app.inject({ method: 'POST', url: '/api/threads', headers, payload })

/**
 * A link posted through the API whose thread is then marked ready, titled `title` when given, as if
 * its digest had finished (no worker runs beside these apps): the thread's id.
 */
export async function readyThread(
  built: { app: FastifyInstance; pool: pg.Pool },
  headers: Record<string, string>,
  link: { url: string; forum: string },
  title?: string,
): Promise<number> {
  const res = await postLink(built.app, headers, link)
  if (res.statusCode !== 202) throw new Error(`posting failed: ${res.statusCode} ${res.body}`)
  const id = (res.json() as { thread: { id: number } }).thread.id
  await built.pool.query(`UPDATE threads SET status = 'ready', title = coalesce($2, title) WHERE id = $1`, [
    id,
    title ?? null,
  ])
  return id
}

/**
 * GETs a thread page as a browser would: its bare id (or an old slug) answers 301 with the slugged
 * address, which is followed; `suffix` is a query after the address (`?page=2`).
 */
export async function threadPage(app: FastifyInstance, id: number, headers: Record<string, string> = {}, suffix = '') {
  const res = await app.inject({ url: `/threads/${id}${suffix}`, headers })
  if (res.statusCode !== 301) return res
  return app.inject({ url: res.headers.location as string, headers })
}
