import type pg from 'pg'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { postLink, registerMember } from './factories.js'

export type Member = Awaited<ReturnType<typeof registerMember>>

/** A thread by `poster` in the lounge, marked ready (no worker needed). */
export async function threadBy(app: FastifyInstance, pool: pg.Pool, poster: Member, title = 'A story') {
  const url = `https://example.com/${randomBytes(4).toString('hex')}`
  const res = await postLink(app, poster.auth, { url, forum: 'the-lounge' })
  const id = res.json().thread.id as number
  await pool.query(`UPDATE threads SET status = 'ready', title = $2 WHERE id = $1`, [id, title])
  return id
}

export async function replyBy(app: FastifyInstance, who: Member, threadId: number, body: string, parentId?: number) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/replies`,
    headers: who.auth,
    payload: { body, ...(parentId ? { parentId } : {}) },
  })
  if (res.statusCode !== 201) throw new Error(`reply failed: ${res.statusCode} ${res.body}`)
  return res.json().reply.id as number
}

/** Makes a member's account this many days old. */
export const ageAccount = (pool: pg.Pool, member: Member, days: number) =>
  pool.query(`UPDATE users SET created_at = now() - make_interval(days => $2) WHERE id = $1`, [member.user.id, days])

/**
 * Members eligible for juries: accounts two months old who replied today, in a thread of their
 * own (the `lounge`), so they took no part in the thread a test alerts.
 */
export async function regulars(app: FastifyInstance, pool: pg.Pool, count: number, lounge: number): Promise<Member[]> {
  const members: Member[] = []
  for (let i = 0; i < count; i++) {
    const member = await registerMember(app)
    await replyBy(app, member, lounge, 'Good morning.')
    await ageAccount(pool, member, 60)
    members.push(member)
  }
  return members
}

export const alert = (
  app: FastifyInstance,
  who: Member,
  payload: { threadId?: number; replyId?: number; reason: string; note?: string },
) => app.inject({ method: 'POST', url: '/api/alerts', headers: who.auth, payload })

export const vote = (app: FastifyInstance, who: Member, juryId: number, choice: 'hide' | 'leave', explanation = '') =>
  app.inject({
    method: 'POST',
    url: `/api/juries/${juryId}/vote`,
    headers: who.auth,
    payload: { vote: choice, explanation },
  })

/** The members drawn for a jury, by status. */
export async function jurorsOf(pool: pg.Pool, juryId: number, status = 'summoned'): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT member_id AS id FROM jurors WHERE jury_id = $1 AND status = $2 ORDER BY member_id',
    [juryId, status],
  )
  return rows.map((r) => Number(r.id))
}

/** The members among `members` drawn for the jury (summoned). */
export async function summoned(pool: pg.Pool, juryId: number, members: Member[]): Promise<Member[]> {
  const ids = new Set(await jurorsOf(pool, juryId))
  return members.filter((m) => ids.has(m.user.id))
}
