import type { Job } from 'bullmq'
import t from 'tap'
import { DIGEST_JOB, DIGEST_JOB_OPTIONS, DIGEST_QUEUE, REFRESH_JOB } from '../../src/queue/jobs.js'
import { buildTestApp, queueKinds } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { capturedLog } from '../helpers/log-lines.js'

/** Jobs no version of the processor can read, and what the failure must say about each. */
const MALFORMED: { name: string; data: unknown; reason: RegExp }[] = [
  { name: DIGEST_JOB, data: {}, reason: /^Malformed "digest-thread" job.*threadId.*its data: \{\}$/ },
  { name: DIGEST_JOB, data: 'thread 12', reason: /^Malformed "digest-thread" job.*threadId.*"thread 12"$/ },
  { name: DIGEST_JOB, data: { threadId: -3 }, reason: /^Malformed "digest-thread" job.*threadId.*\{"threadId":-3\}$/ },
  { name: DIGEST_JOB, data: { threadId: '12' }, reason: /^Malformed "digest-thread" job.*threadId/ },
  { name: REFRESH_JOB, data: { threadId: 12 }, reason: /^Malformed "refresh-thread" job.*round/ },
  { name: 'summarise-thread', data: { threadId: 12 }, reason: /^Unknown job "summarise-thread"/ },
]

for (const queue of ['postgres', 'redis'] as const) {
  t.test(
    `malformed jobs fail once with a clear log line and the worker goes on, on ${queue}`,
    { skip: !queueKinds().includes(queue) && 'REDIS_URL is not set' },
    async (t) => {
      const fixtures = await startFixtureServer(t)
      const { app, startWorker, openQueueBackend } = await buildTestApp(t, { queue })
      const { log, lines } = capturedLog<{ jobId?: string; err?: string }>()
      await startWorker({}, log)

      // Queued the way any producer would, with the usual retry options (four attempts).
      // As the web's own queues do, the producer waits for its first connection before it adds.
      const producerBackend = openQueueBackend()
      const producer = producerBackend.createQueue(DIGEST_QUEUE, DIGEST_JOB_OPTIONS)
      t.teardown(() => producer.close())
      await producerBackend.ready()
      const ids = MALFORMED.map((_, i) => `malformed-${i}`)
      for (const [i, job] of MALFORMED.entries()) await producer.add(job.name, job.data as object, { jobId: ids[i] })

      const member = await registerMember(app)
      const posted = await postLink(app, member.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
      t.equal((await waitForDigest(app, posted.json().thread.id, 60_000)).status, 'ready', 'the next job is digested')

      for (const [i, expected] of MALFORMED.entries()) {
        // Settled: failed or completed (a retry would leave it delayed for seconds first).
        let job: Job | undefined
        for (let tries = 0; !['failed', 'completed'].includes((await job?.getState()) ?? ''); tries++) {
          if (tries > 600) throw new Error(`${ids[i]} never settled`)
          await new Promise((resolve) => setTimeout(resolve, 50))
          job = (await producer.getJob(ids[i]!)) as Job | undefined
        }
        t.equal(await job?.getState(), 'failed', `${ids[i]} failed`)
        t.equal(job?.attemptsMade, 1, `${ids[i]} was not retried`)
        t.match(job?.failedReason, expected.reason)
        const line = lines.find((l) => l.jobId === ids[i])
        t.match(line, { level: 40, err: expected.reason }, `${ids[i]} is logged as a warning with the reason`)
      }
      t.notOk(
        lines.some((l) => l.level >= 50),
        'no error lines',
      )
    },
  )
}
