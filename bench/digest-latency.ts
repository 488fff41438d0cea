import { performance } from 'node:perf_hooks'
import { buildTestApp, type QueueKind, type Teardown } from '../test/helpers/build-app.js'
import { registerMember } from '../test/helpers/factories.js'
import { startFixtureServer } from '../test/helpers/fixture-server.js'
import { ms, summarize } from './stats.js'

/** Post → ready through the real API, queue and worker, one thread at a time, on the fixture editorial. */
export async function benchDigestLatency(t: Teardown, queue: QueueKind, runs = 20) {
  const fixtures = await startFixtureServer(t)
  const { app, pool, startWorker } = await buildTestApp(t, { queue })
  await startWorker()
  const member = await registerMember(app)
  const samples: number[] = []
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now()
    const res = await app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: member.auth,
      payload: { url: fixtures.url(`/editorial.html?run=${i}`), forum: 'editorials' },
    })
    const id = res.json().thread.id as number
    for (;;) {
      const { rows } = await pool.query<{ status: string }>('SELECT status FROM threads WHERE id = $1', [id])
      if (rows[0]!.status === 'ready') break
      if (rows[0]!.status === 'failed') throw new Error(`digest ${id} failed`)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    // The first two runs warm up jsdom and the connections.
    if (i >= 2) samples.push(performance.now() - started)
  }
  const s = summarize(samples)
  console.log(
    `digest post→ready (${queue} queue, ${s.n} runs): median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)}`,
  )
  return s
}
