import type { Queryable } from './pool.js'
import type { UserRow } from './users.js'

export type SessionKind = 'web' | 'api'

export async function createSession(db: Queryable, tokenHash: Buffer, userId: number, kind: SessionKind, days: number) {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, kind, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [tokenHash, userId, kind, days],
  )
}

/**
 * A signed-in member as their requests see them: with what the rules ask on every write (whether
 * they are suspended, which forums they host), read with the session so a request pays no more.
 */
export interface SessionMember extends UserRow {
  suspendedUntil: Date | null
  suspendedReason: string | null
  /** The forums this member hosts (ids). */
  hostedForums: number[]
}

/** A member as a session names them: which session it is, too (their settings mark "this one"). */
export interface SessionUser {
  member: SessionMember
  sessionId: number
}

export async function findSessionUser(
  db: Queryable,
  tokenHash: Buffer,
  kind: SessionKind,
): Promise<SessionUser | undefined> {
  const { rows } = await db.query<SessionMember & { sessionId: number }>({
    name: 'session-user',
    text: `SELECT u.id, u.username, u.role, u.post_count AS "postCount", u.created_at AS "createdAt", s.id AS "sessionId",
       u.suspended_until AS "suspendedUntil", u.suspended_reason AS "suspendedReason",
       ARRAY(SELECT h.forum_id FROM forum_hosts h WHERE h.member_id = u.id ORDER BY h.forum_id) AS "hostedForums"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > now()`,
    values: [tokenHash, kind],
  })
  const row = rows[0]
  if (!row) return undefined
  const { sessionId, ...member } = row
  return { member, sessionId }
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
}

/** A session as its member sees it in their settings. */
export interface SessionRow {
  id: number
  kind: SessionKind
  createdAt: Date
  expiresAt: Date
}

/** A member's open sessions and API tokens, newest first. */
export async function listSessions(db: Queryable, userId: number): Promise<SessionRow[]> {
  const { rows } = await db.query<SessionRow>(
    `SELECT id, kind, created_at AS "createdAt", expires_at AS "expiresAt" FROM sessions
     WHERE user_id = $1 AND expires_at > now() ORDER BY created_at DESC, id DESC`,
    [userId],
  )
  return rows
}

/** Whose session this is (undefined when there is none, or it has expired). */
export async function findSessionOwner(db: Queryable, id: number): Promise<number | undefined> {
  const { rows } = await db.query<{ userId: number }>(
    'SELECT user_id AS "userId" FROM sessions WHERE id = $1 AND expires_at > now()',
    [id],
  )
  return rows[0]?.userId
}

export async function deleteSessionById(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [id])
}
