import type { JuryOutcomeReason, JuryStatus } from './juries.js'
import type { Queryable } from './pool.js'

/** Why a member is told of a reply. */
export type NotificationReason = 'reply' | 'mention' | 'watch'

/**
 * Tells everyone concerned of a new reply, in the reply's transaction: the thread's poster and the
 * answered reply's author ("reply"), members named with @ ("mention"), the thread's watchers
 * ("watch"). Never its own author, nor a member who ignores them. A member's unread notification
 * for the thread gathers the reply instead of a new one being made.
 */
export async function notifyReply(
  db: Queryable,
  reply: { id: number; threadId: number; parentId: number | null; authorId: number },
  mentioned: readonly string[],
): Promise<void> {
  await db.query(
    `WITH recipients (member_id, reason) AS (
       SELECT author_id, 'reply' FROM threads WHERE id = $2
       UNION ALL SELECT author_id, 'reply' FROM replies WHERE id = $4
       UNION ALL SELECT member_id, 'watch' FROM watches WHERE thread_id = $2
       UNION ALL SELECT id, 'mention' FROM users WHERE lower(username) = ANY($5::text[])
     ), chosen AS (
       SELECT member_id, array_agg(DISTINCT reason ORDER BY reason) AS reasons FROM recipients
       WHERE member_id <> $3
         AND NOT EXISTS (SELECT 1 FROM ignores i WHERE i.member_id = recipients.member_id AND i.ignored_id = $3)
       GROUP BY member_id
     )
     INSERT INTO notifications (member_id, thread_id, first_reply_id, last_actor_id, reasons)
     SELECT member_id, $2, $1, $3, reasons FROM chosen
     ON CONFLICT (member_id, thread_id) WHERE read_at IS NULL AND kind = 'reply' DO UPDATE SET
       replies = notifications.replies + 1, last_actor_id = excluded.last_actor_id, updated_at = now(),
       reasons = ARRAY(SELECT DISTINCT r FROM unnest(notifications.reasons || excluded.reasons) r ORDER BY r)`,
    [reply.id, reply.threadId, reply.authorId, reply.parentId, mentioned],
  )
}

/**
 * What a notification tells of: replies, a jury (a summons, a verdict on one's post or alert), or a
 * moderator's action on one's post or account.
 */
export type NotificationKind = 'reply' | 'jury_summons' | 'jury_verdict' | 'alert_outcome' | 'moderation'

/** Tells members of a jury, in the transaction that summoned them or closed it. */
export async function notifyJury(
  db: Queryable,
  memberIds: readonly number[],
  kind: 'jury_summons' | 'jury_verdict' | 'alert_outcome',
  jury: { id: number; threadId: number },
): Promise<void> {
  if (memberIds.length === 0) return
  await db.query(
    `INSERT INTO notifications (member_id, thread_id, kind, jury_id, replies, reasons)
     SELECT m, $2, $3, $4, 0, '{}' FROM unnest($1::bigint[]) m`,
    [memberIds, jury.threadId, kind, jury.id],
  )
}

/** A juror's summons to these juries no longer asks for their vote (they were dismissed). */
export async function markJurySummonsRead(db: Queryable, memberId: number, juryIds: readonly number[]): Promise<void> {
  if (juryIds.length === 0) return
  await db.query(
    `UPDATE notifications SET read_at = now()
     WHERE member_id = $1 AND kind = 'jury_summons' AND jury_id = ANY($2::bigint[]) AND read_at IS NULL`,
    [memberId, juryIds],
  )
}

/**
 * Tells a member of a moderator's action on their post or account (the log entry says what, why and
 * where), in the transaction that logged it.
 */
export async function notifyModeration(
  db: Queryable,
  memberId: number,
  entry: { logId: number; threadId: number | null },
): Promise<void> {
  await db.query(
    `INSERT INTO notifications (member_id, thread_id, kind, log_id, replies, reasons) VALUES ($1, $2, 'moderation', $3, 0, '{}')`,
    [memberId, entry.threadId, entry.logId],
  )
}

/** For a moderator's action: what the log says of it. */
export interface ModerationNotice {
  action: string
  reason: string
  replyId: number | null
  /** Where a moved thread went (a forum's slug), and until when a suspension runs. */
  details: { toForum?: string; until?: string }
}

/** Where opening a notification leads: a reply, a jury, or the post a moderator acted on. */
export interface OpenedNotification {
  kind: NotificationKind
  threadId: number | null
  firstReplyId: number | null
  juryId: number | null
  /** For a moderator's action on a reply: the reply. */
  logReplyId: number | null
}

export interface NotificationRow {
  id: number
  kind: NotificationKind
  /** For jury notifications: the jury, and its status now (a summons to a closed jury says so). */
  juryId: number | null
  juryStatus: JuryStatus | null
  juryReason: JuryOutcomeReason | null
  /** Null for a notice about no thread (a suspension). */
  threadId: number | null
  threadTitle: string | null
  threadUrl: string | null
  moderation: ModerationNotice | null
  firstReplyId: number | null
  lastActor: string | null
  replies: number
  reasons: NotificationReason[]
  updatedAt: Date
  readAt: Date | null
}

/** A member's notifications, newest first: one per thread while unread. */
export async function listNotifications(db: Queryable, memberId: number, limit: number): Promise<NotificationRow[]> {
  const { rows } = await db.query<NotificationRow>({
    name: 'notifications',
    // A hidden thread is named as such: its headline is what was hidden.
    text: `SELECT n.id, n.kind, n.jury_id AS "juryId", j.status AS "juryStatus", j.outcome_reason AS "juryReason", n.thread_id AS "threadId",
             CASE WHEN t.hidden_at IS NULL THEN t.title ELSE 'Hidden thread' END AS "threadTitle", t.submitted_url AS "threadUrl",
             n.first_reply_id AS "firstReplyId", u.username AS "lastActor", n.replies, n.reasons,
             n.updated_at AS "updatedAt", n.read_at AS "readAt",
             CASE WHEN l.id IS NOT NULL THEN json_build_object('action', l.action, 'reason', l.reason,
               'replyId', l.reply_id, 'details', l.details) END AS moderation
           FROM notifications n LEFT JOIN threads t ON t.id = n.thread_id LEFT JOIN users u ON u.id = n.last_actor_id
             LEFT JOIN juries j ON j.id = n.jury_id LEFT JOIN moderation_log l ON l.id = n.log_id
           WHERE n.member_id = $1 ORDER BY n.updated_at DESC, n.id DESC LIMIT $2`,
    values: [memberId, limit],
  })
  return rows
}

export async function countUnread(db: Queryable, memberId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>({
    name: 'notifications-unread',
    text: 'SELECT count(*)::int AS n FROM notifications WHERE member_id = $1 AND read_at IS NULL',
    values: [memberId],
  })
  return rows[0]!.n
}

/** Marks one notification read; gives where it points, or undefined when it is not the member's. */
export async function openNotification(
  db: Queryable,
  memberId: number,
  id: number,
): Promise<OpenedNotification | undefined> {
  const { rows } = await db.query<OpenedNotification>(
    `UPDATE notifications n SET read_at = coalesce(n.read_at, now()) WHERE n.id = $1 AND n.member_id = $2
     RETURNING n.kind, n.thread_id AS "threadId", n.first_reply_id AS "firstReplyId", n.jury_id AS "juryId",
       (SELECT l.reply_id FROM moderation_log l WHERE l.id = n.log_id) AS "logReplyId"`,
    [id, memberId],
  )
  return rows[0]
}

export async function markAllRead(db: Queryable, memberId: number): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE notifications SET read_at = now() WHERE member_id = $1 AND read_at IS NULL',
    [memberId],
  )
  return rowCount ?? 0
}

export async function setWatch(db: Queryable, memberId: number, threadId: number, watching: boolean): Promise<boolean> {
  if (!watching) {
    await db.query('DELETE FROM watches WHERE member_id = $1 AND thread_id = $2', [memberId, threadId])
    return true
  }
  const { rows } = await db.query<{ id: number }>('SELECT id FROM threads WHERE id = $1', [threadId])
  if (rows.length === 0) return false
  await db.query('INSERT INTO watches (member_id, thread_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    memberId,
    threadId,
  ])
  return true
}

export async function isWatching(db: Queryable, memberId: number, threadId: number): Promise<boolean> {
  const { rows } = await db.query({
    name: 'watching',
    text: 'SELECT 1 FROM watches WHERE member_id = $1 AND thread_id = $2',
    values: [memberId, threadId],
  })
  return rows.length > 0
}
