import type { Queryable } from './pool.js'
import type { Role } from './users.js'

/** A member the moderation pages name: a moderator, an admin, a forum's host, a suspended member. */
export interface StaffMember {
  id: number
  username: string
  role: Role
}

/** The member behind a name (any case), with their role; undefined when there is none. */
export async function findMemberByName(db: Queryable, username: string): Promise<StaffMember | undefined> {
  const { rows } = await db.query<StaffMember>(
    'SELECT id, username, role FROM users WHERE lower(username) = lower($1)',
    [username],
  )
  return rows[0]
}

/** Sets a member's role; false when it already was that. */
export async function changeRole(db: Queryable, memberId: number, role: Role): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET role = $2 WHERE id = $1 AND role <> $2', [memberId, role])
  return rowCount === 1
}

/** Admins and moderators, admins first, by name. */
export async function listStaff(db: Queryable): Promise<StaffMember[]> {
  const { rows } = await db.query<StaffMember>(
    `SELECT id, username, role FROM users WHERE role IN ('admin', 'moderator')
     ORDER BY role = 'admin' DESC, lower(username)`,
  )
  return rows
}

/** Names a member a host of a forum; false when they already were. */
export async function addHost(db: Queryable, forumId: number, memberId: number): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO forum_hosts (forum_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [forumId, memberId],
  )
  return rowCount === 1
}

/** Removes a forum's host; false when they were not one. */
export async function removeHost(db: Queryable, forumId: number, memberId: number): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM forum_hosts WHERE forum_id = $1 AND member_id = $2', [
    forumId,
    memberId,
  ])
  return rowCount === 1
}

/** Every forum's hosts (forum id → hosts by name), for the roles page and the forum pages. */
export async function listHosts(db: Queryable, forumId?: number): Promise<{ forumId: number; username: string }[]> {
  const { rows } = await db.query<{ forumId: number; username: string }>(
    `SELECT h.forum_id AS "forumId", u.username FROM forum_hosts h JOIN users u ON u.id = h.member_id
     ${forumId === undefined ? '' : 'WHERE h.forum_id = $1'} ORDER BY h.forum_id, lower(u.username)`,
    forumId === undefined ? [] : [forumId],
  )
  return rows
}

/** Suspends a member until a time, or lifts it (null); false when there was no suspension to lift. */
export async function setSuspension(
  db: Queryable,
  memberId: number,
  until: Date | null,
  reason: string | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    until
      ? 'UPDATE users SET suspended_until = $2, suspended_reason = $3 WHERE id = $1'
      : 'UPDATE users SET suspended_until = NULL, suspended_reason = NULL WHERE id = $1 AND suspended_until > now()',
    until ? [memberId, until, reason] : [memberId],
  )
  return rowCount === 1
}

/** A member's suspension as it stands (null when none is running). */
export async function findSuspension(db: Queryable, memberId: number): Promise<{ until: Date; reason: string } | null> {
  const { rows } = await db.query<{ until: Date; reason: string }>(
    `SELECT suspended_until AS until, coalesce(suspended_reason, '') AS reason FROM users
     WHERE id = $1 AND suspended_until > now()`,
    [memberId],
  )
  return rows[0] ?? null
}
