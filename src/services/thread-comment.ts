import type pg from 'pg'
import { lockComment, reviseComment, type LockedComment } from '../db/comment-edits.js'
import { findThread, type ThreadRow } from '../db/threads.js'
import { withTransaction } from '../db/pool.js'
import type { UserRow } from '../db/users.js'
import { AppError, notFound } from '../errors.js'
import { checkComment } from './posting.js'

/** The words posted with a link are their poster's alone to change (moderators hide, they do not reword). */
function checkOwnThread<T extends Pick<LockedComment, 'authorId'>>(
  member: UserRow,
  id: number,
  thread: T | undefined,
): T {
  if (!thread) throw notFound('unknown_thread', `There is no thread ${id}.`)
  if (thread.authorId !== member.id)
    throw new AppError(403, 'not_yours', 'Only the member who posted this link can change the words posted with it.')
  return thread
}

/** The member's own thread, for the form that changes its comment: 404 or 403 otherwise. */
export async function findOwnThread(pool: pg.Pool, member: UserRow, id: number): Promise<ThreadRow> {
  return checkOwnThread(member, id, await findThread(pool, id))
}

/** The poster's new words for their thread (empty removes them); the text replaced is kept for moderators. */
export async function editThreadComment(pool: pg.Pool, member: UserRow, id: number, text: string): Promise<void> {
  const comment = checkComment(text)
  await withTransaction(pool, async (tx) => {
    const thread = checkOwnThread(member, id, await lockComment(tx, id))
    // The same words again are no edit: no mark, no revision.
    if (thread.comment !== comment) await reviseComment(tx, thread, comment)
  })
}
