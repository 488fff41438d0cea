import t from 'tap'
import { deadlineVerdict, settledVerdict } from '../../src/moderation/verdict.js'

t.test('before the deadline, a jury closes only once the votes settle it', async (t) => {
  const cases = [
    // size, hide, leave, verdict
    [7, 3, 0, undefined],
    [7, 4, 0, { status: 'hidden', reason: 'votes' }],
    [7, 4, 3, { status: 'hidden', reason: 'votes' }],
    [7, 3, 3, undefined],
    [7, 0, 4, { status: 'left', reason: 'votes' }],
    [6, 3, 3, { status: 'left', reason: 'tie' }],
    [6, 3, 2, undefined],
    [1, 1, 0, { status: 'hidden', reason: 'votes' }],
    [1, 0, 1, { status: 'left', reason: 'votes' }],
  ] as const
  for (const [size, hide, leave, verdict] of cases)
    t.same(settledVerdict({ size, hide, leave }), verdict, `${hide} hide, ${leave} leave of ${size}`)
})

t.test('at the deadline, more hides than leaves among enough votes hide; a tie or too few leave', async (t) => {
  const cases = [
    [7, 0, 0, { status: 'left', reason: 'too_few_votes' }],
    [7, 3, 0, { status: 'left', reason: 'too_few_votes' }],
    [6, 2, 1, { status: 'left', reason: 'too_few_votes' }],
    [7, 3, 1, { status: 'hidden', reason: 'votes' }],
    [7, 3, 3, { status: 'left', reason: 'tie' }],
    [7, 2, 3, { status: 'left', reason: 'votes' }],
  ] as const
  for (const [size, hide, leave, verdict] of cases)
    t.same(deadlineVerdict({ size, hide, leave }), verdict, `${hide} hide, ${leave} leave of ${size}`)
})
