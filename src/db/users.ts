import type { Queryable } from './pool.js'

export type Role = 'member' | 'moderator'

export interface UserRow {
  id: number
  username: string
  role: Role
  postCount: number
  createdAt: Date
}

const USER_COLUMNS = 'id, username, role, post_count AS "postCount", created_at AS "createdAt"'

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

export async function findUserByName(db: Queryable, username: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE lower(username) = lower($1)`, [
    username,
  ])
  return rows[0]
}

/** Returns false when there is no such member. */
export async function setRole(db: Queryable, username: string, role: Role): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET role = $2 WHERE lower(username) = lower($1)', [username, role])
  return rowCount === 1
}

/** Members on one page of the member list. */
export const MEMBERS_PER_PAGE = 50

/** Newest first; ids grow with time, so the primary key orders them. */
export async function listMembers(db: Queryable, limit: number, offset: number): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>({
    name: 'members',
    text: `SELECT ${USER_COLUMNS} FROM users ORDER BY id DESC LIMIT $1 OFFSET $2`,
    values: [limit, offset],
  })
  return rows
}

export async function countMembers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
  return rows[0]!.n
}
