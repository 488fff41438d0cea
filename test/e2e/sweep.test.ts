import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Queue } from 'bullmq'
import t, { type Test } from 'tap'
import { resetFailedThread } from '../../src/db/threads.js'
import { startSweeps, sweepOnce } from '../../src/digest/sweep.js'
import { createLogger } from '../../src/logger.js'
import type { JobQueue } from '../../src/queue/backend.js'
import { DIGEST_JOB_OPTIONS, DIGEST_QUEUE, digestJobId } from '../../src/queue/jobs.js'
import { buildTestApp, queueKinds, type QueueKind } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'

const silent = createLogger('silent', 'test')

/** Both stores carry a real BullMQ Queue behind the app's narrower interface; the test counts its jobs. */
const jobCounts = (queue: JobQueue) =>
  (queue as unknown as Queue).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')

const stateOf = async (queue: JobQueue, threadId: number) =>
  (await (await queue.getJob(digestJobId(threadId)))?.getState()) ?? 'missing'

/** The thread row changes before the worker hands its job back: waits for the job's own state. */
async function untilJobState(queue: JobQueue, threadId: number, state: string): Promise<void> {
  for (let i = 0; (await stateOf(queue, threadId)) !== state; i++) {
    if (i > 600) throw new Error(`the job of thread ${threadId} never became ${state}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** An app and a member posting article pages; `/broken` answers 404 until `mend()`. */
async function setUp(t: Test, queue: QueueKind) {
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  let broken = true
  const article = (_req: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(editorial)
  const site = await startFixtureServer(t, {
    '/finished-early': article,
    '/lost': article,
    '/queued': article,
    '/finished': article,
    '/broken': (req, res) =>
      broken ? res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>') : article(req, res),
  })
  const test = await buildTestApp(t, { queue })
  const member = await registerMember(test.app)
  const post = async (path: string) => {
    const res = await postLink(test.app, member.auth, { url: site.url(path), forum: 'editorials' })
    if (res.statusCode !== 202) throw new Error(`posting failed: ${res.statusCode} ${res.body}`)
    return res.json().thread.id as number
  }
  const status = async (id: number) =>
    (await test.pool.query<{ status: string }>('SELECT status FROM threads WHERE id = $1', [id])).rows[0]!.status
  return { ...test, site, post, status, mend: () => (broken = false) }
}

for (const queue of ['postgres', 'redis'] as const) {
  t.test(
    `the sweep re-queues threads whose job is lost or finished, and only those, on ${queue}`,
    { skip: !queueKinds().includes(queue) && 'REDIS_URL is not set' },
    async (t) => {
      const { app, pool, post, status, mend, site, startWorker, openQueueBackend } = await setUp(t, queue)
      const digested = async (id: number) => {
        const thread = await waitForDigest(app, id, 60_000)
        t.equal(thread.status, 'ready', `thread ${id} ready ${JSON.stringify(thread.error ?? '')}`)
        await untilJobState(app.digestQueue, id, 'completed')
      }

      // A worker takes the job and finishes it without digesting (a crash between the two, an old version).
      const finishedEarly = await post('/finished-early')
      const careless = openQueueBackend().createWorker(DIGEST_QUEUE, async () => 'dropped', 1)
      await careless.waitUntilReady()
      await untilJobState(app.digestQueue, finishedEarly, 'completed')
      await careless.close()
      // Lost before any worker saw it (a wiped queue store).
      const lost = await post('/lost')
      t.equal(await app.digestQueue.remove(digestJobId(lost)), 1)
      const queued = await post('/queued')
      t.same(await Promise.all([finishedEarly, lost, queued].map((id) => stateOf(app.digestQueue, id))), [
        'completed',
        'missing',
        'waiting',
      ])

      // Five workers' sweeps, each on its own connection, at the same moment.
      // Each waits for its first connection, as a worker's sweep does before its first round.
      const backends = Array.from({ length: 5 }, () => openQueueBackend())
      const queues = backends.map((backend) => backend.createQueue(DIGEST_QUEUE, DIGEST_JOB_OPTIONS))
      await Promise.all(backends.map((backend) => backend.ready()))
      const requeued = await Promise.all(
        queues.map((queue) => sweepOnce({ pool, queue, fetchCacheSeconds: 300, log: silent }, 0)),
      )
      await Promise.all(queues.map((q) => q.close()))
      t.same(
        [...new Set(requeued.flat())].sort((a, b) => a - b),
        [finishedEarly, lost],
        'the threads without a live job are re-queued; the queued one is not',
      )
      t.same(await Promise.all([finishedEarly, lost, queued].map((id) => stateOf(app.digestQueue, id))), [
        'waiting',
        'waiting',
        'waiting',
      ])
      t.match(await jobCounts(app.digestQueue), { waiting: 3, completed: 0, failed: 0 }, 'one job per thread')

      // One digest at a time: this test is about which jobs exist, not about throughput.
      await startWorker({ workerConcurrency: 1 })
      for (const id of [finishedEarly, lost, queued]) await digested(id)
      t.equal(site.hits('/queued'), 1, 'the queued thread was fetched once')

      // Digested, then waiting again (the database restored from a backup taken before the digest).
      const finished = await post('/finished')
      await digested(finished)
      await pool.query(`UPDATE threads SET status = 'pending' WHERE id = $1`, [finished])
      // Failed for good, then set to be tried again while the queue was down (its new job never added).
      const failed = await post('/broken')
      t.equal((await waitForDigest(app, failed)).status, 'failed')
      await untilJobState(app.digestQueue, failed, 'failed')
      mend()
      t.ok(await resetFailedThread(pool, failed))
      t.same(await Promise.all([finished, failed].map((id) => stateOf(app.digestQueue, id))), ['completed', 'failed'])
      t.same([await status(finished), await status(failed)], ['pending', 'pending'])

      const sweeps = startSweeps(
        { pool, backend: openQueueBackend(), fetchCacheSeconds: 300, log: silent },
        { everyMs: 200, lostAfterSeconds: 0 },
      )
      for (const id of [finished, failed]) await digested(id)
      await sweeps.close()
      t.equal(site.hits('/broken'), 2, 'the failed link was fetched again')
      t.match(await jobCounts(app.digestQueue), { waiting: 0, active: 0, completed: 5, failed: 0 })
    },
  )
}
