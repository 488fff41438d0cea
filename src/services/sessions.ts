import type pg from 'pg'
import { deleteSessionById, findSessionOwner, listSessions, type SessionRow } from '../db/sessions.js'
import type { UserRow } from '../db/users.js'
import { AppError, notFound } from '../errors.js'

/** A member's sessions and API tokens, the one they are using marked. */
export async function listMemberSessions(pool: pg.Pool, member: UserRow, current: number | null) {
  const rows = await listSessions(pool, member.id)
  return rows.map((s: SessionRow) => ({
    id: s.id,
    kind: s.kind,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === current,
  }))
}

/**
 * Ends one of the member's sessions (a browser logged in somewhere, or an API token): it stops
 * working at once in every web process (the sessions trigger announces it).
 */
export async function revokeSession(pool: pg.Pool, member: UserRow, id: number): Promise<void> {
  const owner = await findSessionOwner(pool, id)
  if (owner === undefined) throw notFound('unknown_session', `There is no open session ${id}.`)
  if (owner !== member.id) throw new AppError(403, 'not_yours', 'Only its own member can end a session.')
  await deleteSessionById(pool, id)
}
