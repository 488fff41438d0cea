import type { AlertReason, JuryOutcomeReason, JuryStatus } from './juries.js'
import type { Queryable } from './pool.js'

/** Each part of the queue shows this many of its newest rows. */
const QUEUE_ROWS = 50

interface QueuePost {
  juryId: number
  threadId: number
  threadTitle: string | null
  threadStatus: string
  threadUrl: string
  replyId: number | null
  forumSlug: string
  forumName: string
  posterName: string
}

export interface QueueAlert extends QueuePost {
  id: number
  reason: AlertReason
  note: string
  alerterName: string
  createdAt: Date
}

export interface QueueJury extends QueuePost {
  status: JuryStatus
  outcomeReason: JuryOutcomeReason | null
  size: number
  hideVotes: number
  leaveVotes: number
  /** Jurors drawn who have not answered yet. */
  waiting: number
  alerts: number
  closesAt: Date
  decidedAt: Date | null
}

/** `forums` null: every forum (a moderator); otherwise only those (a host's). */
export interface QueueScope {
  forums: number[] | null
}

const POST_COLUMNS = `j.id AS "juryId", j.thread_id AS "threadId", t.title AS "threadTitle", t.status AS "threadStatus",
  t.submitted_url AS "threadUrl", j.reply_id AS "replyId", f.slug AS "forumSlug", f.name AS "forumName",
  pu.username AS "posterName"`
const POST_JOINS = `JOIN threads t ON t.id = j.thread_id JOIN forums f ON f.id = j.forum_id JOIN users pu ON pu.id = j.poster_id`
const IN_SCOPE = '($1::int[] IS NULL OR j.forum_id = ANY($1::int[]))'

/** How many alerts in scope wait for their jury: the header's count beside "Moderation". */
export async function countOpenAlerts(db: Queryable, scope: QueueScope): Promise<number> {
  const { rows } = await db.query<{ n: number }>({
    name: 'open-alerts-count',
    text: `SELECT count(*)::int AS n FROM juries j JOIN alerts a ON a.jury_id = j.id
           WHERE j.status = 'open' AND ${IN_SCOPE}`,
    values: [scope.forums],
  })
  return rows[0]!.n
}

/** Alerts whose jury is still deciding, newest first. */
export async function listOpenAlerts(db: Queryable, scope: QueueScope): Promise<QueueAlert[]> {
  const { rows } = await db.query<QueueAlert>(
    `SELECT a.id, a.reason, a.note, au.username AS "alerterName", a.created_at AS "createdAt", ${POST_COLUMNS}
     FROM alerts a JOIN juries j ON j.id = a.jury_id ${POST_JOINS} JOIN users au ON au.id = a.member_id
     WHERE j.status = 'open' AND ${IN_SCOPE} ORDER BY a.id DESC LIMIT $2`,
    [scope.forums, QUEUE_ROWS],
  )
  return rows
}

const JURY_COLUMNS = `${POST_COLUMNS}, j.status, j.outcome_reason AS "outcomeReason", j.size, j.hide_votes AS "hideVotes",
  j.leave_votes AS "leaveVotes", j.closes_at AS "closesAt", j.decided_at AS "decidedAt",
  (SELECT count(*)::int FROM jurors r WHERE r.jury_id = j.id AND r.status = 'summoned') AS waiting,
  (SELECT count(*)::int FROM alerts a WHERE a.jury_id = j.id) AS alerts`

/** Juries still deciding, the soonest to close first. */
export async function listOpenJuries(db: Queryable, scope: QueueScope): Promise<QueueJury[]> {
  const { rows } = await db.query<QueueJury>(
    `SELECT ${JURY_COLUMNS} FROM juries j ${POST_JOINS}
     WHERE j.status = 'open' AND ${IN_SCOPE} ORDER BY j.closes_at, j.id LIMIT $2`,
    [scope.forums, QUEUE_ROWS],
  )
  return rows
}

/**
 * Verdicts, the latest first, from before the jury `before` (keyset paging on the time of the
 * verdict); one row more than shown tells whether an older page follows.
 */
export async function listRecentDecisions(
  db: Queryable,
  scope: QueueScope,
  before: number | undefined,
): Promise<{ decisions: QueueJury[]; older: number | undefined }> {
  const { rows } = await db.query<QueueJury>(
    `SELECT ${JURY_COLUMNS} FROM juries j ${POST_JOINS}
     WHERE j.status <> 'open' AND ${IN_SCOPE}
       AND ($3::bigint IS NULL OR (j.decided_at, j.id) < (SELECT decided_at, id FROM juries WHERE id = $3))
     ORDER BY j.decided_at DESC, j.id DESC LIMIT $2 + 1`,
    [scope.forums, QUEUE_ROWS, before ?? null],
  )
  const decisions = rows.slice(0, QUEUE_ROWS)
  return { decisions, older: rows.length > QUEUE_ROWS ? decisions.at(-1)!.juryId : undefined }
}

/** The forums a member hosts. */
export const listHostedForumIds = async (db: Queryable, memberId: number) =>
  (await db.query<{ id: number }>('SELECT forum_id AS id FROM forum_hosts WHERE member_id = $1', [memberId])).rows.map(
    (r) => r.id,
  )
