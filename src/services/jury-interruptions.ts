import type { DrawRules } from '../db/juries.js'
import {
  drawJurors,
  listAlerterIds,
  listSummonedJuryIds,
  lockJury,
  overtakeJury,
  recordSeatLeft,
} from '../db/juries.js'
import { markJurySummonsRead, notifyJury } from '../db/notifications.js'
import type { Queryable } from '../db/pool.js'

/**
 * A moderator hid the post while its jury sat: the jury closes, overtaken, and takes no more votes
 * (it stays closed should the post be shown again, and its deadline finds nothing left to do). The
 * alerters learn the outcome; the poster is told of the moderator's action itself. Call in the
 * moderator's transaction, which holds the post's row. Gives the jury closed, if one sat.
 */
export async function overtakeOpenJury(tx: Queryable, post: { threadId: number; replyId: number | null }) {
  const jury = await overtakeJury(tx, post)
  if (jury) await notifyJury(tx, await listAlerterIds(tx, jury.id), 'alert_outcome', jury)
  return jury
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
