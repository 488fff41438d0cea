import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { setRole } from '../../src/db/users.js'
import { postLink, registerMember } from './factories.js'

type Member = Awaited<ReturnType<typeof registerMember>>

/**
 * An admin, a moderator, the host of `forum` (named by the admin through the API), a plain member
 * and a poster: the cast every moderation test needs.
 */
export async function moderationCast(app: FastifyInstance, pool: pg.Pool, forum = 'economy') {
  const [admin, moderator, host, member, poster] = (await Promise.all(
    Array.from({ length: 5 }, () => registerMember(app)),
  )) as [Member, Member, Member, Member, Member]
  await setRole(pool, admin.user.username, 'admin')
  await setRole(pool, moderator.user.username, 'moderator')
  const named = await app.inject({
    method: 'PUT',
    url: `/api/forums/${forum}/hosts/${host.user.username}`,
    headers: admin.auth,
  })
  if (named.statusCode !== 200) throw new Error(`naming the host failed: ${named.body}`)
  return { admin, moderator, host, member, poster }
}

/** A thread posted by `poster` in `forum` (its digest never fetched: the tests do not need it). */
export async function threadIn(app: FastifyInstance, poster: Member, forum: string, path = `/${Math.random()}`) {
  const res = await postLink(app, poster.auth, { url: `https://example.com/story${path}`, forum })
  if (res.statusCode !== 202) throw new Error(`posting failed: ${res.body}`)
  return (res.json() as { thread: { id: number } }).thread.id
}

/** A reply by `author` to a thread, through the API. */
export async function replyTo(app: FastifyInstance, author: Member, threadId: number, body: string) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/replies`,
    headers: author.auth,
    payload: { body },
  })
  if (res.statusCode !== 201) throw new Error(`replying failed: ${res.body}`)
  return (res.json() as { reply: { id: number } }).reply.id
}
