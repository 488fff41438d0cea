import type pg from 'pg'
import { blankReply, lockReply, reviseReply, type LockedReply } from '../db/reply-edits.js'
import { findReply, type ReplyRow } from '../db/replies.js'
import { withTransaction, type Queryable } from '../db/pool.js'
import type { UserRow } from '../db/users.js'
import { AppError, conflict, notFound } from '../errors.js'
import { overtakeOpenJuries } from './jury-interruptions.js'
import { checkReplyBody } from './posting.js'

/** A reply is its author's alone to change. */
const mayChangeReply = (member: Pick<UserRow, 'id'>, authorId: number) => member.id === authorId

function checkOwnReply<R extends Pick<LockedReply, 'authorId' | 'deletedAt'>>(
  member: UserRow,
  id: number,
  reply: R | undefined,
): R {
  if (!reply) throw notFound('unknown_reply', `There is no reply ${id}.`)
  if (!mayChangeReply(member, reply.authorId))
    throw new AppError(403, 'not_yours', 'Only the member who wrote this reply can change or delete it.')
  if (reply.deletedAt) throw conflict('reply_deleted', 'This reply was deleted; there is nothing left to change.')
  return reply
}

/** The member's own reply, as they may change it: 404, 403 or 409 otherwise. */
export async function findOwnReply(db: Queryable, member: UserRow, id: number): Promise<ReplyRow> {
  return checkOwnReply(member, id, await findReply(db, id))
}

async function changeOwnReply(
  pool: pg.Pool,
  member: UserRow,
  id: number,
  change: (tx: Queryable, reply: LockedReply) => Promise<void>,
): Promise<ReplyRow> {
  return withTransaction(pool, async (tx) => {
    await change(tx, checkOwnReply(member, id, await lockReply(tx, id)))
    return (await findReply(tx, id))!
  })
}

/** The author's new text for their reply; the text it replaces is kept for moderators. */
export async function editReply(pool: pg.Pool, member: UserRow, id: number, text: string): Promise<ReplyRow> {
  const body = checkReplyBody(text)
  // The same text again is no edit: no mark, no revision.
  return changeOwnReply(pool, member, id, (tx, reply) =>
    reply.body === body ? Promise.resolve() : reviseReply(tx, reply, body),
  )
}

/**
 * The author takes their reply back: its answers stay where they are, under a placeholder. A jury
 * sitting on it closes, overtaken: there is nothing left to judge.
 */
export async function deleteReply(pool: pg.Pool, member: UserRow, id: number): Promise<ReplyRow> {
  return changeOwnReply(pool, member, id, async (tx, reply) => {
    await blankReply(tx, reply)
    await overtakeOpenJuries(tx, { threadId: reply.threadId, replyId: reply.id }, 'deleted')
  })
}
