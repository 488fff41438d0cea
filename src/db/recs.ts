import type { Queryable } from './pool.js'

/** What a rec or its taking back did: whether it changed anything, and the thread's count after. */
export interface RecOutcome {
  changed: boolean
  recCount: number
}

/** Records a member's rec and counts it; call inside a transaction. Undefined when there is no such thread. */
export async function addRec(db: Queryable, threadId: number, memberId: number): Promise<RecOutcome | undefined> {
  const { rowCount } = await db.query(
    `INSERT INTO recs (thread_id, member_id) SELECT id, $2 FROM threads WHERE id = $1 ON CONFLICT DO NOTHING`,
    [threadId, memberId],
  )
  return countAfter(db, threadId, rowCount === 1 ? 1 : 0)
}

/** Takes a member's rec back; call inside a transaction. Undefined when there is no such thread. */
export async function removeRec(db: Queryable, threadId: number, memberId: number): Promise<RecOutcome | undefined> {
  const { rowCount } = await db.query('DELETE FROM recs WHERE thread_id = $1 AND member_id = $2', [threadId, memberId])
  return countAfter(db, threadId, rowCount === 1 ? -1 : 0)
}

async function countAfter(db: Queryable, threadId: number, delta: number): Promise<RecOutcome | undefined> {
  // An unchanged count is not written: the thread's pages stay as they are.
  const { rows } = await db.query<{ recCount: number }>(
    delta === 0
      ? 'SELECT rec_count AS "recCount" FROM threads WHERE id = $1'
      : 'UPDATE threads SET rec_count = rec_count + $2 WHERE id = $1 RETURNING rec_count AS "recCount"',
    delta === 0 ? [threadId] : [threadId, delta],
  )
  const recCount = rows[0]?.recCount
  return recCount === undefined ? undefined : { changed: delta !== 0, recCount }
}

/** The threads a member has recommended. */
export async function listMemberRecs(db: Queryable, memberId: number): Promise<number[]> {
  const { rows } = await db.query<{ threadId: number }>({
    name: 'member-recs',
    text: 'SELECT thread_id AS "threadId" FROM recs WHERE member_id = $1',
    values: [memberId],
  })
  return rows.map((r) => r.threadId)
}
