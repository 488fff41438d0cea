import { AppError } from '../errors.js'

/** What a rule needs to know of a member's suspension (the session carries it). */
interface Suspendable {
  suspendedUntil: Date | null
  suspendedReason: string | null
}

/** Whether the member is suspended now; a suspension ends by itself at its time. */
export const isSuspended = (member: Suspendable | null | undefined, now = new Date()): boolean =>
  member?.suspendedUntil != null && member.suspendedUntil > now

/** "Suspended until <time>: <reason>", for the refusal and the member's notice alike. */
export function suspensionMessage(member: Suspendable): string {
  const until = member.suspendedUntil!.toISOString().slice(0, 16).replace('T', ' ')
  const why = member.suspendedReason ? ` Reason: ${member.suspendedReason}` : ''
  return `You are suspended until ${until} UTC: you can read, but not post, reply or recommend.${why}`
}

/**
 * A suspended member reads but does not take part: posting, replying, recommending (and alerting
 * moderators) call this first. Throws 403 `suspended` with why and until when.
 */
export function assertMayAct(member: Suspendable): void {
  if (isSuspended(member)) throw new AppError(403, 'suspended', suspensionMessage(member))
}
