import type pg from 'pg'
import { hashPassword, verifyPassword } from '../auth/passwords.js'
import { hashToken, newToken } from '../auth/tokens.js'
import { createSession, deleteSession, findSessionUser, type SessionKind } from '../db/sessions.js'
import { createUser, findPasswordHash, findUserForLogin, setBio, setPasswordHash, type UserRow } from '../db/users.js'
import { AppError, badRequest, conflict } from '../errors.js'
import { isFormerName } from './leaving.js'
import { BIO_MAX, PASSWORD_MAX, PASSWORD_MIN, PASSWORD_RULE, USERNAME_PATTERN, USERNAME_RULE } from '../limits.js'

const SESSION_DAYS: Record<SessionKind, number> = { web: 30, api: 90 }

export function checkCredentials(username: string, password: string): void {
  if (!USERNAME_PATTERN.test(username)) throw badRequest('invalid_username', USERNAME_RULE)
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badRequest('invalid_password', PASSWORD_RULE)
  }
}

export async function registerMember(pool: pg.Pool, username: string, password: string): Promise<UserRow> {
  checkCredentials(username, password)
  if (isFormerName(username))
    throw conflict('username_taken', `Names starting "former-member-" are kept for deleted accounts.`)
  const user = await createUser(pool, username, await hashPassword(password))
  if (!user) throw conflict('username_taken', `The name "${username}" is taken; choose another.`)
  return user
}

export async function authenticateMember(pool: pg.Pool, username: string, password: string): Promise<UserRow> {
  const found = await findUserForLogin(pool, username)
  if (!found || !(await verifyPassword(password, found.passwordHash))) {
    throw new AppError(401, 'invalid_credentials', 'That username and password do not match.')
  }
  const { passwordHash: _hash, ...user } = found
  return user
}

export async function openSession(pool: pg.Pool, userId: number, kind: SessionKind): Promise<string> {
  const { token, hash } = newToken()
  await createSession(pool, hash, userId, kind, SESSION_DAYS[kind])
  return token
}

export const findMemberByToken = (pool: pg.Pool, token: string, kind: SessionKind) =>
  findSessionUser(pool, hashToken(token), kind)

export const closeSession = (pool: pg.Pool, token: string) => deleteSession(pool, hashToken(token))

/** A new password, given with the current one; sessions stay open. */
export async function changePassword(pool: pg.Pool, userId: number, current: string, next: string): Promise<void> {
  const hash = await findPasswordHash(pool, userId)
  if (hash === undefined || !(await verifyPassword(current, hash)))
    throw new AppError(403, 'wrong_password', 'That is not your current password; nothing was changed.')
  if (next.length < PASSWORD_MIN || next.length > PASSWORD_MAX) throw badRequest('invalid_password', PASSWORD_RULE)
  await setPasswordHash(pool, userId, await hashPassword(next))
}

/** What a member says about themselves, kept as typed (trimmed); empty removes it. */
export async function updateBio(pool: pg.Pool, userId: number, bio: string): Promise<string> {
  const kept = bio.replace(/\r\n?/g, '\n').trim()
  if (kept.length > BIO_MAX)
    throw badRequest('bio_too_long', `A bio is at most ${BIO_MAX} characters; this one has ${kept.length}.`)
  await setBio(pool, userId, kept)
  return kept
}
