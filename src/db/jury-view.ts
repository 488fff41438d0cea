import type { AlertReason, JuryRow, Vote } from './juries.js'
import type { HiddenBy } from './moderation.js'
import type { Queryable } from './pool.js'

/** The alerted post as jurors see it: its text, its author, and the thread around it. */
export interface JuryPost {
  threadTitle: string | null
  threadStatus: string
  threadUrl: string
  forumSlug: string
  forumName: string
  posterName: string
  /** A reply's text, or the poster's words that came with the link. */
  body: string | null
  postedAt: Date
  /** Who hid the post, while it is hidden (by this jury's verdict or by a moderator). */
  hiddenBy: HiddenBy | null
  /** Whether the thread is hidden (a thread's own jury, or a reply's thread hidden besides). */
  threadHidden: boolean
  /** What the reply answered, for context (null for a thread, or a reply to the thread itself). */
  parent: { authorName: string; body: string; deleted: boolean; hidden: boolean } | null
}

export async function findJuryPost(db: Queryable, jury: Pick<JuryRow, 'threadId' | 'replyId'>): Promise<JuryPost> {
  const { rows } = await db.query<JuryPost>(
    `SELECT t.title AS "threadTitle", t.status AS "threadStatus", t.submitted_url AS "threadUrl",
       f.slug AS "forumSlug", f.name AS "forumName",
       coalesce(ru.username, tu.username) AS "posterName",
       CASE WHEN r.id IS NULL THEN t.comment ELSE r.body END AS body,
       coalesce(r.created_at, t.created_at) AS "postedAt",
       CASE WHEN r.id IS NULL THEN t.hidden_by ELSE r.hidden_by END AS "hiddenBy",
       t.hidden_at IS NOT NULL AS "threadHidden",
       CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object(
         'authorName', pu.username, 'body', p.body, 'deleted', p.deleted_at IS NOT NULL,
         'hidden', p.hidden_at IS NOT NULL) END AS parent
     FROM threads t JOIN forums f ON f.id = t.forum_id JOIN users tu ON tu.id = t.author_id
     LEFT JOIN replies r ON r.id = $2 LEFT JOIN users ru ON ru.id = r.author_id
     LEFT JOIN replies p ON p.id = r.parent_id LEFT JOIN users pu ON pu.id = p.author_id
     WHERE t.id = $1`,
    [jury.threadId, jury.replyId],
  )
  return rows[0]!
}

/** Why members alerted the post: each reason with how many chose it, and their own words. */
export async function listAlertReasons(
  db: Queryable,
  juryId: number,
): Promise<{ reason: AlertReason; count: number; notes: string[] }[]> {
  const { rows } = await db.query<{ reason: AlertReason; count: number; notes: string[] }>(
    `SELECT reason, count(*)::int AS count, array_remove(array_agg(NULLIF(note, '') ORDER BY id), NULL) AS notes
     FROM alerts WHERE jury_id = $1 GROUP BY reason ORDER BY count(*) DESC, reason`,
    [juryId],
  )
  return rows
}

/** The jurors' votes with their explanations, in no particular juror's order: jurors stay anonymous. */
export async function listVerdictExplanations(
  db: Queryable,
  juryId: number,
): Promise<{ vote: Vote; explanation: string }[]> {
  const { rows } = await db.query<{ vote: Vote; explanation: string }>(
    `SELECT vote, explanation FROM jurors WHERE jury_id = $1 AND status = 'voted' AND explanation <> ''
     ORDER BY vote, explanation`,
    [juryId],
  )
  return rows
}

export async function findOwnAlert(
  db: Queryable,
  juryId: number,
  memberId: number,
): Promise<{ reason: AlertReason; note: string } | undefined> {
  const { rows } = await db.query<{ reason: AlertReason; note: string }>(
    'SELECT reason, note FROM alerts WHERE jury_id = $1 AND member_id = $2',
    [juryId, memberId],
  )
  return rows[0]
}
