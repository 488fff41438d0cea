import { AppError } from '../errors.js'

const DAY_MS = 24 * 3600_000

interface Joined {
  createdAt: Date
}

/** A member in their first `days` days here: fewer posts an hour, links only from known sites, no alerts. */
export const isNewMember = (member: Joined, days: number, now = Date.now()) =>
  days > 0 && now - member.createdAt.getTime() < days * DAY_MS

const dayCount = (days: number) => `${days} day${days === 1 ? '' : 's'}`

/**
 * New members send no alerts: a fresh account is the cheapest way to bury a post under alerts.
 */
export function refuseAlertFromNewMember(member: Joined, newMemberDays: number): void {
  if (isNewMember(member, newMemberDays))
    throw new AppError(
      403,
      'new_member',
      `New members can send alerts once they have been here ${dayCount(newMemberDays)}; until then, a moderator can help.`,
    )
}

/** New members post links only from sites already posted here: new accounts are how spam sites arrive. */
export const unknownSiteRefusal = (newMemberDays: number, site: string) =>
  new AppError(
    403,
    'new_member_link',
    `New members can post links only from sites already posted here, for their first ${dayCount(newMemberDays)}; ${site} is new to this forum.`,
  )
