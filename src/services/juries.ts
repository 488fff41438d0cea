import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import type { Config } from '../config.js'
import {
  addAlert,
  closeJury,
  countRecentHides,
  drawJurors,
  findAlertedPost,
  findJuror,
  findJury,
  isSuspended,
  juryPost,
  listAlerterIds,
  lockJury,
  openJury,
  recordSeatLeft,
  recordVote,
  suspendMember,
  type AlertReason,
  type AlertedPost,
  type JuryRow,
  type OvertakenBy,
  type Vote,
} from '../db/juries.js'
import { hidePost, logModeration, type PostRef } from '../db/moderation.js'
import { notifyJury } from '../db/notifications.js'
import { withTransaction, type Queryable } from '../db/pool.js'
import { findPostState } from '../db/thread-moderation.js'
import { AppError, badRequest, conflict, notFound } from '../errors.js'
import { ALERT_NOTE_MAX, JURY_EXPLANATION_MAX } from '../limits.js'
import { deadlineVerdict, settledVerdict, type Verdict } from '../moderation/verdict.js'
import { enqueueJuryDeadline, type DigestQueue } from '../queue/jobs.js'
import { dismissSuspendedJuror, overtakeRepliesJuries } from './jury-interruptions.js'

/** The jury settings, from the configuration. */
export interface JuryRules {
  size: number
  minAgeDays: number
  recentPostDays: number
  voteHours: number
  hidesBeforeSuspension: number
  hideWindowDays: number
  suspensionDays: number
}

export const juryRulesOf = (config: Config): JuryRules => ({
  size: config.jurySize,
  minAgeDays: config.juryMinAgeDays,
  recentPostDays: config.juryRecentPostDays,
  voteHours: config.juryVoteHours,
  hidesBeforeSuspension: config.hidesBeforeSuspension,
  hideWindowDays: config.hideWindowDays,
  suspensionDays: config.suspensionDays,
})

export const ALERT_REASONS: Record<AlertReason, string> = {
  off_topic: 'Off-topic',
  personal_attack: 'Personal attack',
  spam: 'Spam',
  copyright: 'Copyright: the excerpt is too long',
  other: 'Something else',
}

const forbidden = (code: string, message: string) => new AppError(403, code, message)

async function assertNotSuspended(db: Queryable, memberId: number) {
  if (await isSuspended(db, memberId))
    throw forbidden('suspended', 'You are suspended: you can read, but not post, reply or alert.')
}

/** The post, when the member may alert it: it exists, is shown, and is not theirs. */
export function alertable(post: AlertedPost | undefined, memberId: number): AlertedPost {
  if (!post || post.deleted) throw notFound('unknown_post', 'There is no such post (it may have been deleted).')
  if (post.hidden) throw conflict('already_hidden', 'This post is already hidden.')
  if (post.posterId === memberId) throw forbidden('own_post', 'You cannot alert your own post.')
  return post
}

/**
 * A member alerts a post. The first alert on a post opens its jury and summons the jurors; later
 * ones join it (or, after the verdict, learn it at once). The deadline's timer is queued once the
 * jury is committed; should the queue be away, the worker's sweep still closes the jury in time.
 */
export async function alertPost(
  deps: { pool: pg.Pool; queue: DigestQueue; log: FastifyBaseLogger; rules: JuryRules },
  memberId: number,
  input: { post: PostRef; reason: AlertReason; note: string },
): Promise<{ alertId: number; jury: JuryRow }> {
  const note = input.note.trim()
  if (note.length > ALERT_NOTE_MAX)
    throw badRequest('note_too_long', `Say it in ${ALERT_NOTE_MAX} characters or fewer.`)
  if (input.reason === 'other' && note === '') throw badRequest('note_required', 'Say what is wrong with the post.')
  const { rules } = deps
  const done = await withTransaction(deps.pool, async (client) => {
    await assertNotSuspended(client, memberId)
    // The post's row first, as a moderator's hide takes it: an alert and a hide meet one after the other.
    await findPostState(client, input.post, true)
    const post = alertable(await findAlertedPost(client, input.post), memberId)
    const { jury, created } = await openJury(client, post, rules.size, rules.voteHours)
    if ((await findJuror(client, jury.id, memberId)) !== undefined)
      throw conflict('on_jury', 'You are on this post’s jury: your vote is your say.')
    const alertId = await addAlert(client, { juryId: jury.id, memberId, reason: input.reason, note })
    if (alertId === undefined) throw conflict('already_alerted', 'You have already alerted this post.')
    if (created) await notifyJury(client, await drawJurors(client, jury, rules.size, rules), 'jury_summons', jury)
    return { alertId, jury, created }
  })
  if (done.created)
    await enqueueJuryDeadline(deps.queue, done.jury.id, done.jury.closesAt).catch((err: unknown) =>
      deps.log.warn({ err, juryId: done.jury.id }, 'could not queue the jury deadline; the sweep closes it'),
    )
  return { alertId: done.alertId, jury: done.jury }
}

/** What closed a jury before its verdict, as a juror who comes to vote is told. */
const OVERTAKEN: Record<OvertakenBy, string> = {
  moderator: 'A moderator decided on this post before the jury did',
  deleted: 'Its author deleted this post before the jury decided',
  thread_hidden: 'The thread this post is in was hidden before the jury decided',
}

/** The jury, locked, with the member's seat on it: refuses anyone not summoned to an open jury. */
async function openSeat(client: pg.PoolClient, juryId: number, memberId: number) {
  const jury = await lockJury(client, juryId)
  if (!jury) throw notFound('unknown_jury', 'There is no such jury.')
  const seat = await findJuror(client, juryId, memberId)
  if (!seat) throw forbidden('not_juror', 'You are not on this jury.')
  if (jury.status === 'overtaken')
    throw conflict('jury_closed', `${OVERTAKEN[jury.outcomeReason as OvertakenBy]}: the jury is closed.`)
  if (jury.status !== 'open') throw conflict('jury_closed', 'The jury reached its verdict before your vote.')
  if (seat.status === 'voted') throw conflict('already_voted', 'You have already voted on this jury.')
  if (seat.status === 'declined') throw conflict('declined', 'You declined to serve on this jury.')
  if (seat.status === 'dismissed')
    throw conflict('dismissed', 'You were suspended while summoned: another member took your seat on this jury.')
  return jury
}

/** A juror's vote; the jury closes at once when the votes settle it. */
export async function voteOnJury(
  pool: pg.Pool,
  rules: JuryRules,
  memberId: number,
  juryId: number,
  input: { vote: Vote; explanation: string },
): Promise<JuryRow> {
  const explanation = input.explanation.trim()
  if (explanation.length > JURY_EXPLANATION_MAX)
    throw badRequest('explanation_too_long', `Explain in ${JURY_EXPLANATION_MAX} characters or fewer.`)
  return withTransaction(pool, async (client) => {
    await assertNotSuspended(client, memberId)
    const jury = await openSeat(client, juryId, memberId)
    await recordVote(client, juryId, memberId, input.vote, explanation)
    const counted = {
      ...jury,
      hideVotes: jury.hideVotes + (input.vote === 'hide' ? 1 : 0),
      leaveVotes: jury.leaveVotes + (input.vote === 'leave' ? 1 : 0),
    }
    const verdict = settledVerdict({ size: jury.size, hide: counted.hideVotes, leave: counted.leaveVotes })
    if (verdict) await decide(client, rules, counted, verdict)
    return (await findJury(client, juryId))!
  })
}

/** A juror steps down; another eligible member is drawn in their place (when there is one). */
export async function declineJury(pool: pg.Pool, rules: JuryRules, memberId: number, juryId: number) {
  return withTransaction(pool, async (client) => {
    const jury = await openSeat(client, juryId, memberId)
    await recordSeatLeft(client, juryId, memberId, 'declined')
    const drawn = await drawJurors(client, jury, 1, rules)
    await notifyJury(client, drawn, 'jury_summons', jury)
    return { replaced: drawn.length > 0 }
  })
}

/**
 * Closes a jury whose time is up, with the votes it has. Idempotent: a jury already decided, or
 * not yet due, is left alone (the deadline job and the sweep may both call it).
 */
export async function closeJuryIfDue(pool: pg.Pool, rules: JuryRules, juryId: number): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const jury = await lockJury(client, juryId)
    if (!jury || jury.status !== 'open' || jury.closesAt.getTime() > Date.now()) return false
    await decide(
      client,
      rules,
      jury,
      deadlineVerdict({ size: jury.size, hide: jury.hideVotes, leave: jury.leaveVotes }),
    )
    return true
  })
}

/**
 * The verdict, in the jury's transaction: the post hidden and the hide logged, the poster
 * suspended when their posts keep being hidden, the poster and the alerters told.
 */
async function decide(client: pg.PoolClient, rules: JuryRules, jury: JuryRow, verdict: Verdict) {
  if (!(await closeJury(client, jury.id, verdict.status, verdict.reason))) return
  const post = juryPost(jury)
  if (verdict.status === 'hidden' && (await hidePost(client, post, 'jury'))) {
    const onReplies = post.kind === 'thread' ? await overtakeRepliesJuries(client, jury.threadId) : {}
    await logModeration(client, {
      actorId: null,
      action: `hide_${post.kind}`,
      forumId: jury.forumId,
      threadId: jury.threadId,
      replyId: jury.replyId,
      memberId: jury.posterId,
      reason: 'Hidden by a jury of members.',
      details: {
        by: 'jury',
        juryId: jury.id,
        size: jury.size,
        hide: jury.hideVotes,
        leave: jury.leaveVotes,
        ...onReplies,
      },
    })
    await suspendRepeatPoster(client, rules, jury)
  }
  await notifyJury(client, [jury.posterId], 'jury_verdict', jury)
  await notifyJury(client, await listAlerterIds(client, jury.id), 'alert_outcome', jury)
}

/** After `hidesBeforeSuspension` hidden posts within `hideWindowDays`, the poster may not post for a while. */
async function suspendRepeatPoster(client: pg.PoolClient, rules: JuryRules, jury: JuryRow) {
  if (rules.hidesBeforeSuspension === 0) return
  const hides = await countRecentHides(client, jury.posterId, rules.hideWindowDays)
  if (hides < rules.hidesBeforeSuspension) return
  const reason = `${hides} posts hidden in ${rules.hideWindowDays} days.`
  await suspendMember(client, jury.posterId, rules.suspensionDays, reason)
  await dismissSuspendedJuror(client, rules, jury.posterId)
  await logModeration(client, {
    actorId: null,
    action: 'suspend',
    forumId: jury.forumId,
    memberId: jury.posterId,
    reason,
    details: { by: 'rule', hides, days: rules.suspensionDays, juryId: jury.id },
  })
}

/** The post an alert names: a reply when `replyId` is given, else the thread. */
export function postRefOf(ids: { threadId?: number | undefined; replyId?: number | undefined }): PostRef {
  if (ids.replyId !== undefined) return { kind: 'reply', id: ids.replyId }
  if (ids.threadId !== undefined) return { kind: 'thread', id: ids.threadId }
  throw badRequest('post_required', 'Name the post to alert: a threadId or a replyId.')
}
