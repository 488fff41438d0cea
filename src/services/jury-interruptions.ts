import type { DrawRules, JuryRow, JuryScope, OvertakenBy } from '../db/juries.js'
import {
  closeJury,
  drawJurors,
  listAlerterIds,
  listOpenJuryIds,
  listSummonedJuryIds,
  lockJury,
  recordSeatLeft,
} from '../db/juries.js'
import { markJurySummonsRead, notifyJury } from '../db/notifications.js'
import type { Queryable } from '../db/pool.js'

/**
 * The post's fate was decided while its jury sat: a moderator hid it, its author deleted it, or
 * the thread it is in was hidden (`allReplies`: every reply's jury). The jury closes, overtaken,
 * and takes no more votes (it stays closed should the post be shown again, and its deadline finds
 * nothing left to do); its votes, alerts and jurors stay as they were. The alerters learn the
 * outcome; the poster is told of a moderator's action itself. Call in the transaction that
 * decided, which holds the post's (or the thread's) row: each jury is then locked as a verdict
 * locks it (its post's row, then its own). Gives the juries closed, in id order.
 */
export async function overtakeOpenJuries(tx: Queryable, scope: JuryScope, by: OvertakenBy): Promise<JuryRow[]> {
  const closed: JuryRow[] = []
  for (const juryId of await listOpenJuryIds(tx, scope)) {
    const jury = await lockJury(tx, juryId)
    if (jury?.status !== 'open' || !(await closeJury(tx, juryId, 'overtaken', by))) continue
    await notifyJury(tx, await listAlerterIds(tx, juryId), 'alert_outcome', jury)
    closed.push(jury)
  }
  return closed
}

/**
 * A thread was hidden (by a moderator, or by its own jury): the juries on its replies are
 * overtaken. Gives the log entry's details that name them, if any.
 */
export async function overtakeRepliesJuries(tx: Queryable, threadId: number) {
  const closed = await overtakeOpenJuries(tx, { threadId, allReplies: true }, 'thread_hidden')
  return closed.length > 0 ? { overtookReplyJuries: closed.map((jury) => jury.id) } : {}
}

/**
 * A member just suspended leaves the seats they were summoned to and had not answered: each goes
 * to another eligible member, as when a juror declines, and their summons no longer waits unread.
 * Call in the suspension's transaction.
 */
export async function dismissSuspendedJuror(tx: Queryable, rules: DrawRules, memberId: number): Promise<number[]> {
  const dismissed: number[] = []
  for (const juryId of await listSummonedJuryIds(tx, memberId)) {
    const jury = await lockJury(tx, juryId)
    if (jury?.status !== 'open' || !(await recordSeatLeft(tx, juryId, memberId, 'dismissed'))) continue
    await notifyJury(tx, await drawJurors(tx, jury, 1, rules), 'jury_summons', jury)
    dismissed.push(juryId)
  }
  await markJurySummonsRead(tx, memberId, dismissed)
  return dismissed
}
