import type pg from 'pg'
import { verifyPassword } from '../auth/passwords.js'
import { withTransaction } from '../db/pool.js'
import { anonymiseUser, findPasswordHash, type UserRow } from '../db/users.js'
import { AppError } from '../errors.js'

/** A deleted account's name: its posts stay under it, and pages call it "a former member". */
const FORMER_PREFIX = 'former-member-'
export const formerName = (id: number) => `${FORMER_PREFIX}${id}`
export const isFormerName = (username: string) => username.toLowerCase().startsWith(FORMER_PREFIX)
export const FORMER_MEMBER = 'a former member'

/** How pages name a post's author. */
export const displayName = (username: string) => (isFormerName(username) ? FORMER_MEMBER : username)

/**
 * The member deletes their account, confirming with their password: their threads and replies
 * stay, attributed to a former member; their sessions end at once in every web process.
 */
export async function deleteAccount(pool: pg.Pool, member: UserRow, password: string): Promise<void> {
  const hash = await findPasswordHash(pool, member.id)
  if (hash === undefined || !(await verifyPassword(password, hash)))
    throw new AppError(403, 'wrong_password', 'That is not your password; your account was not deleted.')
  await withTransaction(pool, (tx) => anonymiseUser(tx, member.id, formerName(member.id)))
}
