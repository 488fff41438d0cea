import type { PostRef } from './moderation.js'
import type { Queryable } from './pool.js'
import { findPostState } from './thread-moderation.js'

/**
 * 'overtaken': the post's fate was decided while the jury sat, by a moderator's hide (its reason is
 * then 'moderator'), by its author deleting it ('deleted'), or by its thread being hidden ('thread_hidden').
 */
export type JuryStatus = 'open' | 'hidden' | 'left' | 'overtaken'
export type OvertakenBy = 'moderator' | 'deleted' | 'thread_hidden'
export type JuryOutcomeReason = 'votes' | 'tie' | 'too_few_votes' | OvertakenBy
export type AlertReason = 'off_topic' | 'personal_attack' | 'spam' | 'copyright' | 'other'
export type Vote = 'leave' | 'hide'

/** A post as an alert needs it: where it is, who wrote it, whether it is still shown. */
export interface AlertedPost {
  threadId: number
  replyId: number | null
  forumId: number
  posterId: number
  hidden: boolean
  deleted: boolean
}

export async function findAlertedPost(db: Queryable, post: PostRef): Promise<AlertedPost | undefined> {
  const { rows } = await db.query<AlertedPost>(
    post.kind === 'reply'
      ? `SELECT r.thread_id AS "threadId", r.id AS "replyId", t.forum_id AS "forumId", r.author_id AS "posterId",
           r.hidden_at IS NOT NULL AS hidden, r.deleted_at IS NOT NULL AS deleted
         FROM replies r JOIN threads t ON t.id = r.thread_id WHERE r.id = $1`
      : `SELECT id AS "threadId", NULL AS "replyId", forum_id AS "forumId", author_id AS "posterId",
           hidden_at IS NOT NULL AS hidden, false AS deleted
         FROM threads WHERE id = $1`,
    [post.id],
  )
  return rows[0]
}

export interface JuryRow {
  id: number
  threadId: number
  replyId: number | null
  forumId: number
  posterId: number
  size: number
  status: JuryStatus
  outcomeReason: JuryOutcomeReason | null
  hideVotes: number
  leaveVotes: number
  closesAt: Date
  createdAt: Date
  decidedAt: Date | null
}

const JURY_COLUMNS = `id, thread_id AS "threadId", reply_id AS "replyId", forum_id AS "forumId",
  poster_id AS "posterId", size, status, outcome_reason AS "outcomeReason", hide_votes AS "hideVotes",
  leave_votes AS "leaveVotes", closes_at AS "closesAt", created_at AS "createdAt", decided_at AS "decidedAt"`

/**
 * The post's jury, made when this is the first alert on it (`created`). Two first alerts at once
 * meet on the unique post index: one makes the jury, the other waits for it and joins it.
 */
export async function openJury(
  db: Queryable,
  post: AlertedPost,
  size: number,
  voteHours: number,
): Promise<{ jury: JuryRow; created: boolean }> {
  const { rows } = await db.query<JuryRow>(
    `INSERT INTO juries (thread_id, reply_id, forum_id, poster_id, size, closes_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
     ON CONFLICT (thread_id, coalesce(reply_id, 0)) DO NOTHING RETURNING ${JURY_COLUMNS}`,
    [post.threadId, post.replyId, post.forumId, post.posterId, size, voteHours],
  )
  if (rows[0]) return { jury: rows[0], created: true }
  const { rows: found } = await db.query<JuryRow>(
    `SELECT ${JURY_COLUMNS} FROM juries WHERE thread_id = $1 AND coalesce(reply_id, 0) = coalesce($2::bigint, 0) FOR UPDATE`,
    [post.threadId, post.replyId],
  )
  return { jury: found[0]!, created: false }
}

/** The jury, locked for the caller's transaction when `lock` (votes and verdicts are counted one at a time). */
export async function findJury(db: Queryable, id: number, lock = false): Promise<JuryRow | undefined> {
  const { rows } = await db.query<JuryRow>(
    `SELECT ${JURY_COLUMNS} FROM juries WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0]
}

/** The post a jury sits on. */
export const juryPost = (jury: Pick<JuryRow, 'threadId' | 'replyId'>): PostRef =>
  jury.replyId === null ? { kind: 'thread', id: jury.threadId } : { kind: 'reply', id: jury.replyId }

/**
 * The jury, locked for the caller's transaction, after its post's row: a verdict (which may hide
 * the post) and a moderator's hide (which closes the jury) take the two in the same order, so they
 * wait for each other instead of deadlocking.
 */
export async function lockJury(db: Queryable, id: number): Promise<JuryRow | undefined> {
  const jury = await findJury(db, id)
  if (!jury) return undefined
  await findPostState(db, juryPost(jury), true)
  return findJury(db, id, true)
}

/** One post, or (`allReplies`) every reply of a thread. */
export type JuryScope = { threadId: number; replyId: number | null } | { threadId: number; allReplies: true }

/** The open juries in `scope`, in id order (the order they are locked in). */
export async function listOpenJuryIds(db: Queryable, scope: JuryScope): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    'allReplies' in scope
      ? "SELECT id FROM juries WHERE thread_id = $1 AND reply_id IS NOT NULL AND status = 'open' ORDER BY id"
      : "SELECT id FROM juries WHERE thread_id = $1 AND coalesce(reply_id, 0) = coalesce($2::bigint, 0) AND status = 'open'",
    'allReplies' in scope ? [scope.threadId] : [scope.threadId, scope.replyId],
  )
  return rows.map((r) => r.id)
}

/** Returns false when the member already alerted this post. */
export async function addAlert(
  db: Queryable,
  alert: { juryId: number; memberId: number; reason: AlertReason; note: string },
): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO alerts (jury_id, member_id, reason, note) VALUES ($1, $2, $3, $4)
     ON CONFLICT (jury_id, member_id) DO NOTHING RETURNING id`,
    [alert.juryId, alert.memberId, alert.reason, alert.note],
  )
  return rows[0]?.id
}

export interface DrawRules {
  minAgeDays: number
  recentPostDays: number
}

/**
 * Draws up to `count` jurors at random among the eligible: members who posted within
 * `recentPostDays` (read from the recent posts, so the draw costs what recent activity does, not
 * the member count), whose account is `minAgeDays` old, who are not suspended, not the poster, not
 * an alerter, not anyone who wrote in the thread, and not already drawn for this jury.
 */
export async function drawJurors(db: Queryable, jury: JuryRow, count: number, rules: DrawRules): Promise<number[]> {
  const { rows } = await db.query<{ memberId: number }>(
    `WITH recent AS (
       SELECT author_id FROM replies WHERE created_at > now() - make_interval(days => $3)
       UNION SELECT author_id FROM threads WHERE created_at > now() - make_interval(days => $3)
     ), took_part AS (
       SELECT author_id FROM replies WHERE thread_id = $2
       UNION SELECT author_id FROM threads WHERE id = $2
     )
     INSERT INTO jurors (jury_id, member_id)
     SELECT $1, u.id FROM recent JOIN users u ON u.id = recent.author_id
     WHERE u.created_at <= now() - make_interval(days => $4)
       AND (u.suspended_until IS NULL OR u.suspended_until <= now())
       AND u.id <> $5
       AND u.id NOT IN (SELECT author_id FROM took_part)
       AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.jury_id = $1 AND a.member_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM jurors j WHERE j.jury_id = $1 AND j.member_id = u.id)
     ORDER BY random() LIMIT $6
     RETURNING member_id AS "memberId"`,
    [jury.id, jury.threadId, rules.recentPostDays, rules.minAgeDays, jury.posterId, count],
  )
  return rows.map((r) => r.memberId)
}

/** 'dismissed': suspended while summoned, their seat went to another member. */
export type JurorStatus = 'summoned' | 'voted' | 'declined' | 'dismissed'

export async function findJuror(
  db: Queryable,
  juryId: number,
  memberId: number,
): Promise<{ status: JurorStatus; vote: Vote | null; explanation: string } | undefined> {
  const { rows } = await db.query<{ status: JurorStatus; vote: Vote | null; explanation: string }>(
    'SELECT status, vote, explanation FROM jurors WHERE jury_id = $1 AND member_id = $2',
    [juryId, memberId],
  )
  return rows[0]
}

/** Records a summoned juror's vote and counts it; false when they are not a summoned juror of this jury. */
export async function recordVote(
  db: Queryable,
  juryId: number,
  memberId: number,
  vote: Vote,
  explanation: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE jurors SET status = 'voted', vote = $3, explanation = $4, answered_at = now()
     WHERE jury_id = $1 AND member_id = $2 AND status = 'summoned'`,
    [juryId, memberId, vote, explanation],
  )
  if (rowCount !== 1) return false
  await db.query(
    `UPDATE juries SET ${vote === 'hide' ? 'hide_votes = hide_votes + 1' : 'leave_votes = leave_votes + 1'} WHERE id = $1`,
    [juryId],
  )
  return true
}

/** A summoned juror leaves their seat: they declined, or were dismissed on their suspension. */
export async function recordSeatLeft(
  db: Queryable,
  juryId: number,
  memberId: number,
  status: 'declined' | 'dismissed',
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE jurors SET status = $3, answered_at = now() WHERE jury_id = $1 AND member_id = $2 AND status = 'summoned'`,
    [juryId, memberId, status],
  )
  return rowCount === 1
}

/** The open juries the member is summoned to and has not answered yet, in id order (the order they are locked in). */
export const listSummonedJuryIds = async (db: Queryable, memberId: number) =>
  (
    await db.query<{ id: number }>(
      `SELECT j.id FROM jurors s JOIN juries j ON j.id = s.jury_id
       WHERE s.member_id = $1 AND s.status = 'summoned' AND j.status = 'open' ORDER BY j.id`,
      [memberId],
    )
  ).rows.map((r) => r.id)

/** Closes an open jury; false when it was already decided. */
export async function closeJury(
  db: Queryable,
  id: number,
  status: Exclude<JuryStatus, 'open'>,
  reason: JuryOutcomeReason,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE juries SET status = $2, outcome_reason = $3, decided_at = now() WHERE id = $1 AND status = 'open'`,
    [id, status, reason],
  )
  return rowCount === 1
}

export const listAlerterIds = async (db: Queryable, juryId: number) =>
  (await db.query<{ id: number }>('SELECT member_id AS id FROM alerts WHERE jury_id = $1', [juryId])).rows.map(
    (r) => r.id,
  )

/** Open juries whose time is up, for the sweep. */
export const listOverdueJuryIds = async (db: Queryable) =>
  (
    await db.query<{ id: number }>(
      "SELECT id FROM juries WHERE status = 'open' AND closes_at <= now() ORDER BY closes_at",
    )
  ).rows.map((r) => r.id)

/** The member's posts hidden (by a jury or a moderator) within the last `days`. */
export async function countRecentHides(db: Queryable, memberId: number, days: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM threads WHERE author_id = $1 AND hidden_at > now() - make_interval(days => $2))
          + (SELECT count(*) FROM replies WHERE author_id = $1 AND hidden_at > now() - make_interval(days => $2)) AS n`,
    [memberId, days],
  )
  return Number(rows[0]!.n)
}

/** Suspends the member until `days` from now, unless an existing suspension lasts longer. */
export async function suspendMember(db: Queryable, memberId: number, days: number, reason: string): Promise<void> {
  await db.query(
    `UPDATE users SET suspended_until = greatest(coalesce(suspended_until, now()), now() + make_interval(days => $2)),
       suspended_reason = $3 WHERE id = $1`,
    [memberId, days, reason],
  )
}

export async function isSuspended(db: Queryable, memberId: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM users WHERE id = $1 AND suspended_until > now()', [memberId])
  return rows.length > 0
}
