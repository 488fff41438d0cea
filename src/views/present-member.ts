import type { UserRow } from '../db/users.js'

/** A member as the member list and their own page show them. */
export const presentMember = (u: UserRow) => ({
  username: u.username,
  postCount: u.postCount,
  createdAt: u.createdAt.toISOString(),
})
