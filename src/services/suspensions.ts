import { AppError } from '../errors.js'

/** What a rule needs to know of a member's suspension (the session carries it). */
interface Suspendable {
  suspendedUntil: Date | null
  suspendedReason: string | null
}

/** Whether the member is suspended now; a suspension ends by itself at its time. */
export const isSuspended = (member: Suspendable | null | undefined, now = new Date()): boolean =>
  member?.suspendedUntil != null && member.suspendedUntil > now

const untilText = (member: Suspendable) => `${member.suspendedUntil!.toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * The one line that stands in for a button a suspended member cannot use ("You are suspended until
 * <time>: you cannot reply."); undefined when they are not suspended.
 */
export const suspendedNote = (member: Suspendable | null | undefined, what: string): string | undefined =>
  member && isSuspended(member) ? `You are suspended until ${untilText(member)}: you cannot ${what}.` : undefined

/** "Suspended until <time>: <reason>", for the refusal and the member's notice alike. */
export function suspensionMessage(member: Suspendable): string {
  const until = untilText(member)
  const why = member.suspendedReason ? ` Reason: ${member.suspendedReason}` : ''
  return `You are suspended until ${until}: you can read, but not post, reply or recommend.${why}`
}

/**
 * A suspended member reads but does not take part: posting, replying, recommending (and alerting
 * moderators) call this first. Throws 403 `suspended` with why and until when.
 */
export function assertMayAct(member: Suspendable): void {
  if (isSuspended(member)) throw new AppError(403, 'suspended', suspensionMessage(member))
}
