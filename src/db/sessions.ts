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

export async function findSessionUser(
  db: Queryable,
  tokenHash: Buffer,
  kind: SessionKind,
): Promise<SessionMember | undefined> {
  const { rows } = await db.query<SessionMember>({
    name: 'session-user',
    text: `SELECT u.id, u.username, u.role, u.post_count AS "postCount", u.created_at AS "createdAt",
       u.suspended_until AS "suspendedUntil", u.suspended_reason AS "suspendedReason",
       ARRAY(SELECT h.forum_id FROM forum_hosts h WHERE h.member_id = u.id ORDER BY h.forum_id) AS "hostedForums"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > now()`,
    values: [tokenHash, kind],
  })
  return rows[0]
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
}
