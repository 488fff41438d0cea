import type { MemberProfile, UserRow } from '../db/users.js'

/** A member as the member list and their own page show them. */
export const presentMember = (u: UserRow) => ({
  username: u.username,
  postCount: u.postCount,
  createdAt: u.createdAt.toISOString(),
})

/** A member's page and the API's profile: who they are, in their own words. */
export const presentProfile = (u: MemberProfile) => ({
  ...presentMember(u),
  bio: u.bio,
  recsGiven: u.recsGiven,
  deleted: u.deletedAt !== null,
})
