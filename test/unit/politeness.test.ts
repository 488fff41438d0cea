import t from 'tap'
import { describeWait } from '../../src/digest/failure.js'
import { attemptTimeoutMs, whyTooLate } from '../../src/digest/politeness.js'

const turn = { gapMs: 1000, timeoutMs: 15_000 }

t.test("an attempt's time limit", async (t) => {
  const cases: Array<[boolean, number, number, string]> = [
    [false, Infinity, 15_000, 'a site that answers, no deadline (a re-fetch): the full limit'],
    [false, 40_000, 15_000, 'plenty of time left: the full limit'],
    [false, 9_000, 9_000, 'no longer than the time left'],
    [false, 2_000, 5_000, 'but a post that waited its turn gets a short attempt at least'],
    [false, -30_000, 5_000, 'even past its deadline'],
    [true, 40_000, 5_000, 'a slow site: a short attempt'],
    [true, 3_000, 5_000, 'a slow site with little time left: still a short attempt'],
  ]
  for (const [slow, leftMs, expected, name] of cases) t.equal(attemptTimeoutMs(turn, slow, leftMs), expected, name)
  t.equal(attemptTimeoutMs({ gapMs: 0, timeoutMs: 2000 }, true, 40_000), 2000, 'never above FETCH_TIMEOUT_MS')
})

t.test('waiting for a turn that comes too late', async (t) => {
  const cases: Array<[{ waitMs: number; nextInMs: number; slow: boolean }, number, string | undefined, string]> = [
    [{ waitMs: 1000, nextInMs: 0, slow: false }, 40_000, undefined, 'in time: wait'],
    [{ waitMs: 1000, nextInMs: 0, slow: false }, 2_000, undefined, 'a site that answers is waited for, however late'],
    [{ waitMs: 1000, nextInMs: 1000, slow: false }, 0, undefined, 'our own gap is no reason to give up'],
    [{ waitMs: 1000, nextInMs: 0, slow: true }, 30_000, undefined, 'a slow site, in time: wait'],
    [
      { waitMs: 1000, nextInMs: 0, slow: true },
      5_500,
      'timeout: The site is not answering: our last requests to it ran out of time.',
      'a slow site, too late',
    ],
    [{ waitMs: 20_000, nextInMs: 20_000, slow: false }, 40_000, undefined, 'Retry-After in time: wait'],
    [
      { waitMs: 600_000, nextInMs: 600_000, slow: false },
      40_000,
      'refused: The site asked us to wait 10 minutes before fetching from it again.',
      'Retry-After past the deadline',
    ],
  ]
  for (const [slot, leftMs, expected, name] of cases) {
    const failure = whyTooLate(slot, turn, leftMs)
    t.equal(failure && `${failure.reason}: ${failure.message}`, expected, name)
    if (failure) t.ok(failure.permanent, `${name}: not retried`)
  }
})

t.test('a wait in words', async (t) => {
  const cases: Array<[number, string]> = [
    [1000, '1 second'],
    [45_200, '46 seconds'],
    [119_000, '119 seconds'],
    [600_000, '10 minutes'],
    [90 * 60_000, '90 minutes'],
    [6 * 3600_000, '6 hours'],
  ]
  for (const [ms, words] of cases) t.equal(describeWait(ms), words, `${ms} ms`)
})
