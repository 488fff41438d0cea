import type pg from 'pg'
import { findForum } from '../db/forums.js'
import { logModeration } from '../db/moderation.js'
import { notifyModeration } from '../db/notifications.js'
import { withTransaction } from '../db/pool.js'
import { addHost, changeRole, findMemberByName, removeHost, setSuspension, type StaffMember } from '../db/roles.js'
import type { SessionMember } from '../db/sessions.js'
import { AppError, badRequest, notFound } from '../errors.js'
import { SUSPENSION_HOURS_RANGE } from '../limits.js'
import { checkReason } from './moderation.js'
import { isAdmin, isModerator } from './permissions.js'
import { assertMayAct } from './suspensions.js'

const adminsOnly = () => new AppError(403, 'admins_only', 'Only admins name moderators and hosts.')

async function memberNamed(db: pg.Pool | pg.PoolClient, username: string): Promise<StaffMember> {
  const found = await findMemberByName(db, username)
  if (!found) throw notFound('unknown_member', `There is no member called "${username}".`)
  return found
}

/** An admin makes a member a moderator, or a member again; admins themselves are named from the command line. */
export async function setMemberRole(
  pool: pg.Pool,
  admin: SessionMember,
  username: string,
  role: 'member' | 'moderator',
): Promise<{ member: StaffMember; changed: boolean }> {
  if (!isAdmin(admin)) throw adminsOnly()
  return withTransaction(pool, async (tx) => {
    const member = await memberNamed(tx, username)
    if (member.role === 'admin')
      throw new AppError(409, 'is_admin', `${member.username} is an admin; admins are changed from the command line.`)
    const changed = await changeRole(tx, member.id, role)
    if (changed)
      await logModeration(tx, { actorId: admin.id, action: 'set_role', memberId: member.id, details: { role } })
    return { member: { ...member, role }, changed }
  })
}

/** An admin names a member a host of a forum (`hosting`), or removes them. */
export async function setForumHost(
  pool: pg.Pool,
  admin: SessionMember,
  forumSlug: string,
  username: string,
  hosting: boolean,
): Promise<{ member: StaffMember; changed: boolean }> {
  if (!isAdmin(admin)) throw adminsOnly()
  const forum = await findForum(pool, forumSlug)
  if (!forum) throw notFound('unknown_forum', `There is no forum called "${forumSlug}".`)
  return withTransaction(pool, async (tx) => {
    const member = await memberNamed(tx, username)
    const changed = hosting ? await addHost(tx, forum.id, member.id) : await removeHost(tx, forum.id, member.id)
    if (changed)
      await logModeration(tx, {
        actorId: admin.id,
        action: hosting ? 'add_host' : 'remove_host',
        forumId: forum.id,
        memberId: member.id,
      })
    return { member, changed }
  })
}

/** Moderators and admins suspend members; an admin may also suspend a moderator, and no one an admin. */
function checkMaySuspend(actor: SessionMember, member: StaffMember) {
  if (!isModerator(actor))
    throw new AppError(403, 'moderators_only', 'Only moderators and admins can suspend or reinstate members.')
  if (member.id === actor.id) throw new AppError(403, 'own_account', 'You cannot suspend yourself.')
  if (member.role === 'admin' || (member.role === 'moderator' && !isAdmin(actor)))
    throw new AppError(403, 'not_suspendable', `Only an admin can suspend a moderator, and no one an admin.`)
}

/** Suspends a member for `hours` with a reason; a new suspension replaces a running one. */
export async function suspendMember(
  pool: pg.Pool,
  actor: SessionMember,
  username: string,
  hours: number,
  reason: string,
): Promise<{ member: StaffMember; until: Date }> {
  assertMayAct(actor)
  const why = checkReason('suspend', reason)
  const [min, max] = SUSPENSION_HOURS_RANGE
  if (!Number.isInteger(hours) || hours < min || hours > max)
    throw badRequest('invalid_duration', `A suspension lasts from ${min} hour to ${max / 24} days.`)
  return withTransaction(pool, async (tx) => {
    const member = await memberNamed(tx, username)
    checkMaySuspend(actor, member)
    const until = new Date(Date.now() + hours * 3_600_000)
    await setSuspension(tx, member.id, until, why)
    const logId = await logModeration(tx, {
      actorId: actor.id,
      action: 'suspend',
      memberId: member.id,
      reason: why,
      details: { hours, until: until.toISOString() },
    })
    await notifyModeration(tx, member.id, { logId, threadId: null })
    return { member, until }
  })
}

/** Lifts a running suspension; false when there was none. */
export async function unsuspendMember(
  pool: pg.Pool,
  actor: SessionMember,
  username: string,
  reason?: string,
): Promise<{ member: StaffMember; changed: boolean }> {
  const why = checkReason('unsuspend', reason)
  return withTransaction(pool, async (tx) => {
    const member = await memberNamed(tx, username)
    checkMaySuspend(actor, member)
    const changed = await setSuspension(tx, member.id, null, null)
    if (changed) await logModeration(tx, { actorId: actor.id, action: 'unsuspend', memberId: member.id, reason: why })
    return { member, changed }
  })
}
