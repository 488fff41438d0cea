import type { ServerResponse } from 'node:http'
import t from 'tap'
import { buildTestApp, queueKinds } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'
import { until } from '../helpers/fault-counts.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { startWorkerProcess } from '../helpers/worker-process.js'
import { digestJobId } from '../../src/queue/jobs.js'

const ARTICLE = `<!doctype html><html lang="en"><head><title>Late news</title></head><body><article><h1>Late news</h1>${[
  1, 2, 3, 4,
]
  .map((i) => `<p>Paragraph ${i}: the page that did not answer the first worker answers the second one at once.</p>`)
  .join('')}</article></body></html>`

for (const queue of queueKinds()) {
  t.test(`a worker stopped with a fetch in hand gives the job back at once and exits 0 (${queue} queue)`, async (t) => {
    // The first request hangs (a site that never answers, past the 20 s a stop may take); any later one answers at once.
    const hung: ServerResponse[] = []
    let requests = 0
    let askedAgainAt = 0
    const site = await startFixtureServer(t, {
      '/late': (_req, res) => {
        requests++
        if (requests === 1) return void hung.push(res)
        askedAgainAt = Date.now()
        res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE)
      },
    })
    t.teardown(() => hung.forEach((res) => res.destroy()))
    const built = await buildTestApp(t, { queue, env: { WORKER_STOP_GRACE_MS: '1000', FETCH_TIMEOUT_MS: '25000' } })
    const { app, config, pool } = built
    const first = await startWorkerProcess(t, config)

    const member = await registerMember(app)
    const posted = await postLink(app, member.auth, { url: site.url('/late'), forum: 'economy' })
    const threadId = posted.json().thread.id as number
    const statusOf = async () =>
      (await pool.query<{ status: string }>('SELECT status FROM threads WHERE id = $1', [threadId])).rows[0]!.status
    await until('the first worker is fetching', async () => requests === 1 && (await statusOf()) === 'fetching')
    // Another worker is there to take it over; it finds nothing to do until the first one stops.
    await built.startWorker()

    first.signal('SIGTERM')
    const stoppedAt = Date.now()
    t.equal(await first.exited, 0, 'the stopped worker exits cleanly')
    const exitedAfter = Date.now() - stoppedAt
    await until('the digest is ready', async () => (await statusOf()) === 'ready', 20_000)
    const takenAfter = askedAgainAt - stoppedAt
    t.comment(`after SIGTERM: exited in ${exitedAfter} ms, the page fetched again in ${takenAfter} ms`)
    t.ok(exitedAfter < 5000, 'it stopped soon after its grace period, not at the 20 s limit')
    t.ok(takenAfter < 5000, 'the other worker took the job at once, not once its lock ran out (30 s)')

    t.equal(requests, 2, 'the page was asked for twice: the hung attempt and the one that made the digest')
    const job = await app.digestQueue.getJob(digestJobId(threadId))
    await until('the job is completed', async () => (await job?.getState()) === 'completed')
    const { attemptsMade, failedReason } = job as unknown as { attemptsMade: number; failedReason?: string }
    t.ok(attemptsMade <= 1 && !failedReason, 'the hand-back used up no attempt and failed nothing')
    t.equal(
      first.lines().filter((l) => l.msg === 'gave the job back to the queue: the worker is stopping').length,
      1,
      'the worker says it gave the job back',
    )
    t.same(
      first.lines().filter((l) => l.level >= 50),
      [],
      'nothing logged as an error',
    )
    const slow = await pool.query('SELECT slow_until FROM host_slots')
    t.same(
      slow.rows.filter((r: { slow_until: Date | null }) => r.slow_until !== null && r.slow_until > new Date()),
      [],
      'the site is not marked slow for the stop',
    )
  })
}
