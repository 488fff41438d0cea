import type { Queryable } from '../db/pool.js'
import type { UserRow } from '../db/users.js'

type Member = Pick<UserRow, 'id' | 'role'> | null | undefined

/** Admins name hosts and moderators, keep the site's rules, and can do whatever a moderator can. */
export const isAdmin = (member: Member) => member?.role === 'admin'

/** Moderators (and admins) act in every forum. */
export const isModerator = (member: Member) => member?.role === 'moderator' || member?.role === 'admin'

/** Whether the member may moderate in this forum: a moderator anywhere, a host only in the forums they host. */
export async function mayModerateForum(db: Queryable, member: Member, forumId: number): Promise<boolean> {
  if (!member) return false
  if (isModerator(member)) return true
  const { rowCount } = await db.query('SELECT 1 FROM forum_hosts WHERE member_id = $1 AND forum_id = $2', [
    member.id,
    forumId,
  ])
  return rowCount === 1
}

/**
 * The same rule from what the member's session carries (the forums they host), with no query: for
 * the parts of a page filled per reader. Actions check mayModerateForum in their transaction.
 */
export const moderatesForum = (
  member: (Pick<UserRow, 'id' | 'role'> & { hostedForums: number[] }) | null,
  forumId: number,
) => isModerator(member) || (member?.hostedForums.includes(forumId) ?? false)

/** Whether the member moderates anywhere (a moderator, or a host of some forum): the header links them to the queue. */
export const moderatesSomewhere = (member: (Pick<UserRow, 'id' | 'role'> & { hostedForums: number[] }) | null) =>
  isModerator(member) || (member?.hostedForums.length ?? 0) > 0
