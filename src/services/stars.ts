import type pg from 'pg'
import { logModeration } from '../db/moderation.js'
import { withTransaction } from '../db/pool.js'
import { findMemberByName, type StaffMember } from '../db/roles.js'
import type { SessionMember } from '../db/sessions.js'
import { setStar } from '../db/users.js'
import { AppError, notFound } from '../errors.js'
import { isFormerName } from './leaving.js'
import { isAdmin } from './permissions.js'

/**
 * An admin makes a member a Star member (a supporter of the site: `star`), or takes the star back.
 * Logged in the public moderation log; every page showing the member's name is rendered again
 * (sql/045-star-members.sql announces it). `changed` is false when the member already was (or was
 * not) a star, and then nothing is logged.
 */
export async function setStarMember(
  pool: pg.Pool,
  admin: SessionMember,
  username: string,
  star: boolean,
): Promise<{ member: StaffMember; star: boolean; changed: boolean }> {
  if (!isAdmin(admin)) throw new AppError(403, 'admins_only', 'Only admins give and take back the star.')
  return withTransaction(pool, async (tx) => {
    const member = await findMemberByName(tx, username)
    if (!member) throw notFound('unknown_member', `There is no member called "${username}".`)
    if (isFormerName(member.username))
      throw new AppError(409, 'account_deleted', 'This account was deleted; a former member cannot be a star.')
    const changed = await setStar(tx, member.id, star)
    if (changed) await logModeration(tx, { actorId: admin.id, action: star ? 'star' : 'unstar', memberId: member.id })
    return { member, star, changed }
  })
}
