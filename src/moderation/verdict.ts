import type { JuryOutcomeReason } from '../db/juries.js'

export interface Tally {
  /** The jury's seats: a majority of them decides before the deadline. */
  size: number
  hide: number
  leave: number
}

export interface Verdict {
  status: 'hidden' | 'left'
  reason: JuryOutcomeReason
}

/**
 * The verdict once it can no longer change, before the deadline: more than half the seats voted
 * to hide, or enough voted to leave that hiding can no longer win a majority.
 */
export function settledVerdict({ size, hide, leave }: Tally): Verdict | undefined {
  if (hide * 2 > size) return { status: 'hidden', reason: 'votes' }
  if (leave * 2 >= size) return { status: 'left', reason: hide === leave ? 'tie' : 'votes' }
  return undefined
}

/**
 * The verdict at the deadline: votes from more than half the seats are needed, of which more to
 * hide than to leave hides the post; a tie or too few votes leave it.
 */
export function deadlineVerdict(tally: Tally): Verdict {
  const { size, hide, leave } = tally
  if ((hide + leave) * 2 <= size) return { status: 'left', reason: 'too_few_votes' }
  if (hide > leave) return { status: 'hidden', reason: 'votes' }
  return { status: 'left', reason: hide === leave ? 'tie' : 'votes' }
}
