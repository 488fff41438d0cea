import type pg from 'pg'
import { setIgnored } from '../db/ignores.js'
import { badRequest, notFound } from '../errors.js'
import type { UserRow } from '../db/users.js'

/** A member starts (or stops) ignoring another; ignoring yourself is refused. */
export async function ignoreMember(pool: pg.Pool, member: UserRow, username: string, ignored: boolean): Promise<void> {
  if (ignored && username.toLowerCase() === member.username.toLowerCase())
    throw badRequest('ignore_self', 'You cannot ignore yourself.')
  if (!(await setIgnored(pool, member.id, username, ignored)))
    throw notFound('unknown_member', `There is no member called "${username}".`)
}
