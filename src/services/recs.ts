import type pg from 'pg'
import { withTransaction } from '../db/pool.js'
import { addRec, removeRec, type RecOutcome } from '../db/recs.js'
import { findThreadAuthor } from '../db/threads.js'
import { AppError, notFound } from '../errors.js'

/**
 * A member recommends a thread, or takes their rec back. Each member counts once per thread, and
 * nobody recommends their own. A second rec, or taking back one never given, changes nothing.
 */
export async function setRec(
  pool: pg.Pool,
  input: { threadId: number; memberId: number; recommended: boolean },
): Promise<RecOutcome> {
  return withTransaction(pool, async (tx) => {
    const authorId = await findThreadAuthor(tx, input.threadId)
    if (authorId === undefined) throw notFound('unknown_thread', `There is no thread ${input.threadId}.`)
    if (authorId === input.memberId)
      throw new AppError(403, 'own_thread', 'You cannot recommend your own thread; others can.')
    const outcome = input.recommended
      ? await addRec(tx, input.threadId, input.memberId)
      : await removeRec(tx, input.threadId, input.memberId)
    return outcome!
  })
}
