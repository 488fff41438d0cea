import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { EXTRACT_IDLE_TIMEOUT_MS } from '../src/extract/extract-pool.js'
import { buildTestApp, type QueueKind, type Teardown } from '../test/helpers/build-app.js'
import { registerMember } from '../test/helpers/factories.js'
import { startFixtureServer } from '../test/helpers/fixture-server.js'
import { ms, summarize } from './stats.js'

/**
 * Post → ready through the real API, queue and worker with the default
 * settings, one post at a time, on the fixture editorial: the first post
 * right after the worker starts (cold), posts back to back (warm), and posts
 * that each come after `idleMs` of nothing (by default just past the extraction
 * threads' idle timeout), as on a quiet forum (idle).
 */
export async function benchDigestLatency(
  t: Teardown,
  queue: QueueKind,
  { runs = 20, idleRuns = 3, idleMs = EXTRACT_IDLE_TIMEOUT_MS + 1000 } = {},
) {
  const fixtures = await startFixtureServer(t)
  const { app, pool, startWorker } = await buildTestApp(t, { queue })
  const member = await registerMember(app)
  let posted = 0
  const postAndWait = async () => {
    const started = performance.now()
    const res = await app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: member.auth,
      payload: { url: fixtures.url(`/editorial.html?run=${posted++}`), forum: 'editorials' },
    })
    const id = res.json().thread.id as number
    for (;;) {
      const { rows } = await pool.query<{ status: string; message: string | null }>(
        'SELECT status, error_message AS message FROM threads WHERE id = $1',
        [id],
      )
      if (rows[0]!.status === 'ready') break
      if (rows[0]!.status === 'failed') throw new Error(`digest ${id} failed: ${rows[0]!.message}`)
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    return performance.now() - started
  }

  await startWorker()
  const cold = await postAndWait()
  const warm: number[] = []
  for (let i = 0; i < runs; i++) warm.push(await postAndWait())
  const idle: number[] = []
  for (let i = 0; i < idleRuns; i++) {
    await sleep(idleMs)
    idle.push(await postAndWait())
  }
  const w = summarize(warm)
  const i = summarize(idle)
  console.log(
    `digest post→ready (${queue} queue): cold ${ms(cold)}; warm (${w.n} runs) median ${ms(w.median)}, p95 ${ms(w.p95)}, max ${ms(w.max)}; ` +
      `after ${Math.round(idleMs / 1000)} s idle (${i.n} runs) median ${ms(i.median)}, max ${ms(i.max)}`,
  )
}
