import type { Queryable } from './pool.js'

export type Role = 'member' | 'moderator' | 'admin'

export interface UserRow {
  id: number
  username: string
  role: Role
  postCount: number
  createdAt: Date
}

const USER_COLUMNS = 'id, username, role, post_count AS "postCount", created_at AS "createdAt"'

/** A member as the member list and their page show them. */
export interface ListedMember extends UserRow {
  /** Since when the member is a Star member (a supporter, named by an admin); null when not. */
  starSince: Date | null
}

const MEMBER_COLUMNS = `${USER_COLUMNS}, star_since AS "starSince"`

/** Returns undefined when the name is taken (case-insensitively). */
export async function createUser(db: Queryable, username: string, passwordHash: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (username, password_hash) VALUES ($1, $2)
     ON CONFLICT (lower(username)) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [username, passwordHash],
  )
  return rows[0]
}

export async function findUserForLogin(db: Queryable, username: string) {
  const { rows } = await db.query<UserRow & { passwordHash: string }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(username) = lower($1)`,
    [username],
  )
  return rows[0]
}

/** Returns false when there is no such member. */
export async function setRole(db: Queryable, username: string, role: Role): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET role = $2 WHERE lower(username) = lower($1)', [username, role])
  return rowCount === 1
}

/** Members on one page of the member list. */
export const MEMBERS_PER_PAGE = 50

/** How the member list is sorted: newest members first, or most posts first. */
export type MemberOrder = 'newest' | 'posts'

/** One page of the member list, optionally only names starting with `prefix` (any case). */
export async function listMembers(
  db: Queryable,
  options: { order: MemberOrder; prefix: string; limit: number; offset: number },
): Promise<ListedMember[]> {
  // Ids grow with time, so the primary key orders the newest.
  const order = options.order === 'newest' ? 'id DESC' : 'post_count DESC, id DESC'
  const named = options.prefix !== ''
  const { rows } = await db.query<ListedMember>({
    name: `members-${options.order}${named ? '-named' : ''}`,
    text: `SELECT ${MEMBER_COLUMNS} FROM users WHERE deleted_at IS NULL ${named ? `AND lower(username) LIKE $3 || '%'` : ''}
           ORDER BY ${order} LIMIT $1 OFFSET $2`,
    values: [options.limit, options.offset, ...(named ? [likePrefix(options.prefix)] : [])],
  })
  return rows
}

/** A name's start as a LIKE prefix: lower case, its wildcards taken literally. */
const likePrefix = (prefix: string) => prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)

export async function countMembers(db: Queryable, prefix = ''): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    prefix === ''
      ? 'SELECT count(*)::int AS n FROM users WHERE deleted_at IS NULL'
      : `SELECT count(*)::int AS n FROM users WHERE deleted_at IS NULL AND lower(username) LIKE $1 || '%'`,
    prefix === '' ? [] : [likePrefix(prefix)],
  )
  return rows[0]!.n
}

/** What a member's page shows besides their posts. */
export interface MemberProfile extends ListedMember {
  bio: string
  recsGiven: number
  /** When the member deleted their account; null while they are a member. */
  deletedAt: Date | null
}

export async function findProfile(db: Queryable, username: string): Promise<MemberProfile | undefined> {
  const { rows } = await db.query<MemberProfile>(
    `SELECT ${MEMBER_COLUMNS}, bio, deleted_at AS "deletedAt", (SELECT count(*)::int FROM recs WHERE member_id = users.id) AS "recsGiven"
     FROM users WHERE lower(username) = lower($1)`,
    [username],
  )
  return rows[0]
}

export async function setBio(db: Queryable, userId: number, bio: string): Promise<void> {
  await db.query('UPDATE users SET bio = $2 WHERE id = $1', [userId, bio])
}

/** Gives a member the star (`star`) or takes it back; false when they already were (or were not) a star. */
export async function setStar(db: Queryable, userId: number, star: boolean): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE users SET star_since = CASE WHEN $2 THEN now() END WHERE id = $1 AND (star_since IS NULL) = $2',
    [userId, star],
  )
  return rowCount === 1
}

export async function findPasswordHash(db: Queryable, userId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ hash: string }>('SELECT password_hash AS hash FROM users WHERE id = $1', [userId])
  return rows[0]?.hash
}

export async function setPasswordHash(db: Queryable, userId: number, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash])
}

/**
 * Leaves only what the member's posts need of an account: a name of the form former-member-<id>,
 * no password (no hash matches an empty one), no bio; their sessions, recs (taken off the threads'
 * counts), watches, ignores both ways, reads, notifications and forum hostings go. Call inside a
 * transaction.
 */
export async function anonymiseUser(db: Queryable, id: number, name: string): Promise<void> {
  await db.query(
    `UPDATE users SET username = $2, password_hash = '', bio = '', role = 'member', star_since = NULL, deleted_at = now()
     WHERE id = $1`,
    [id, name],
  )
  await db.query('DELETE FROM sessions WHERE user_id = $1', [id])
  await db.query(
    `WITH gone AS (DELETE FROM recs WHERE member_id = $1 RETURNING thread_id)
     UPDATE threads SET rec_count = rec_count - 1 WHERE id IN (SELECT thread_id FROM gone)`,
    [id],
  )
  await db.query('DELETE FROM watches WHERE member_id = $1', [id])
  await db.query('DELETE FROM ignores WHERE member_id = $1 OR ignored_id = $1', [id])
  await db.query('DELETE FROM thread_reads WHERE member_id = $1', [id])
  await db.query('DELETE FROM notifications WHERE member_id = $1', [id])
  await db.query('DELETE FROM forum_hosts WHERE member_id = $1', [id])
}

export async function findUserId(db: Queryable, username: string): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM users WHERE lower(username) = lower($1)', [username])
  return rows[0]?.id
}
