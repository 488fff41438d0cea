import type pg from 'pg'
import type { buildTestApp } from './build-app.js'
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../../src/auth/passwords.js'
import { createUser } from '../../src/db/users.js'
import { openSession } from '../../src/services/members.js'
import { closeJuryIfDue, juryRulesOf } from '../../src/services/juries.js'
import { readyThread, uniqueName, type registerMember } from './factories.js'

export type Member = Awaited<ReturnType<typeof registerMember>>

const PASSWORD = 'jury-duty-password'
let passwordHash: Promise<string> | undefined

/**
 * A member as registering makes one (a name, an API token, a password that logs in), made straight
 * in the database: juries need many members, and hashing a password per member would cost a test
 * file seconds each. They share one password, hashed once.
 */
export async function quickMember(pool: pg.Pool): Promise<Member> {
  passwordHash ??= hashPassword(PASSWORD)
  const user = (await createUser(pool, uniqueName(), await passwordHash))!
  const token = await openSession(pool, user.id, 'api')
  return {
    user: { id: user.id, username: user.username },
    token,
    password: PASSWORD,
    auth: { authorization: `Bearer ${token}` },
  }
}

/** A thread by `poster` in the lounge, marked ready (no worker needed). */
export async function threadBy(app: FastifyInstance, pool: pg.Pool, poster: Member, title = 'A story') {
  const url = `https://example.com/${randomBytes(4).toString('hex')}`
  return readyThread({ app, pool }, poster.auth, { url, forum: 'the-lounge' }, title)
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
    const member = await quickMember(pool)
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

type Built = Awaited<ReturnType<typeof buildTestApp>>

/** A thread with a reply to alert, and a lounge where the regulars posted today. */
export async function scene(
  built: Built,
  jurors: number,
  words = { title: 'Alerted story', reply: 'You are all fools.' },
) {
  const { app, pool } = built
  const poster = await quickMember(pool)
  const lounge = await threadBy(app, pool, poster, 'The lounge')
  const threadId = await threadBy(app, pool, poster, words.title)
  const rude = await quickMember(pool)
  await ageAccount(pool, rude, 60)
  const replyId = await replyBy(app, rude, threadId, words.reply)
  const alerter = await quickMember(pool)
  const members = await regulars(app, pool, jurors, lounge)
  return { poster, rude, alerter, members, threadId, replyId, lounge }
}

export const count = async (pool: Built['pool'], sql: string, values: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, values)).rows[0]!.n)

/** A jury's state as stored. */
export const juryRow = async (pool: pg.Pool, id: number) =>
  (await pool.query('SELECT status, outcome_reason, hide_votes, leave_votes FROM juries WHERE id = $1', [id])).rows[0]

/** The jury's deadline comes, and its job runs: whether it closed the jury. */
export async function passDeadline(built: Built, juryId: number): Promise<boolean> {
  await built.pool.query(`UPDATE juries SET closes_at = now() - interval '1 second' WHERE id = $1`, [juryId])
  return closeJuryIfDue(built.pool, juryRulesOf(built.config), juryId)
}
