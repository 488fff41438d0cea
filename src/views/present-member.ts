import { isNewMember } from '../abuse/new-members.js'
import type { ListedMember, MemberProfile } from '../db/users.js'

/** A member as the member list and their own page show them. */
export const presentMember = (u: ListedMember) => ({
  username: u.username,
  postCount: u.postCount,
  createdAt: u.createdAt.toISOString(),
  star: u.starSince !== null,
  starSince: u.starSince?.toISOString() ?? null,
})

/**
 * A member's page and the API's profile: who they are, in their own words, and whether they are
 * still new here (their first NEW_MEMBER_DAYS, when the site holds them to tighter rules).
 */
export const presentProfile = (u: MemberProfile, newMemberDays: number) => ({
  ...presentMember(u),
  bio: u.bio,
  recsGiven: u.recsGiven,
  deleted: u.deletedAt !== null,
  newMember: isNewMember(u, newMemberDays),
})
