import { UnrecoverableError } from 'bullmq'
import t from 'tap'
import { DIGEST_JOB, REFRESH_JOB, readJob } from '../../src/queue/jobs.js'

const readable: [string, unknown, unknown][] = [
  [DIGEST_JOB, { threadId: 7 }, { name: DIGEST_JOB, data: { threadId: 7 } }],
  [REFRESH_JOB, { threadId: 7, round: 0 }, { name: REFRESH_JOB, data: { threadId: 7, round: 0 } }],
  [REFRESH_JOB, { threadId: 7, round: 2 }, { name: REFRESH_JOB, data: { threadId: 7, round: 2 } }],
]
for (const [name, data, expected] of readable) t.same(readJob(name, data), expected, `${name} ${JSON.stringify(data)}`)

const unreadable: [string, unknown, RegExp][] = [
  [DIGEST_JOB, {}, /^Malformed "digest-thread" job, failed without retrying: threadId .*; its data: \{\}$/],
  [DIGEST_JOB, null, /threadId.*its data: null$/],
  [DIGEST_JOB, undefined, /threadId.*its data: undefined$/],
  [DIGEST_JOB, 'thread 7', /threadId.*its data: "thread 7"$/],
  [DIGEST_JOB, 7, /threadId.*its data: 7$/],
  [DIGEST_JOB, { threadId: '7' }, /threadId/],
  [DIGEST_JOB, { threadId: 0 }, /threadId/],
  [DIGEST_JOB, { threadId: -3 }, /threadId/],
  [DIGEST_JOB, { threadId: 1.5 }, /threadId/],
  [DIGEST_JOB, { threadId: 1e300 }, /threadId/],
  [REFRESH_JOB, { threadId: 7 }, /^Malformed "refresh-thread" job.*round/],
  [REFRESH_JOB, { threadId: 7, round: -1 }, /round/],
  [REFRESH_JOB, { round: 1 }, /threadId/],
  ['summarise-thread', { threadId: 7 }, /^Unknown job "summarise-thread", failed without retrying/],
  [DIGEST_JOB, { threadId: 'x'.repeat(1000) }, /…$/],
]
for (const [name, data, message] of unreadable) {
  const label = `${name} ${JSON.stringify(data)?.slice(0, 40)}`
  const err = t.throws(() => readJob(name, data), label)
  t.type(err, UnrecoverableError, `${label}: not retried`)
  t.match((err as Error).message, message, `${label}: says why`)
}
