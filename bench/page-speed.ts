import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import { buildTestApp, type Teardown } from '../test/helpers/build-app.js'
import { registerMember } from '../test/helpers/factories.js'
import { ms, summarize } from './stats.js'

const CONNECTIONS = 32
const SECONDS = 4

/** Requests per second and latency of the pages readers hit most, over loopback, bounded in time. */
export async function benchPageSpeed(t: Teardown) {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const excerpt = Array.from({ length: 4 }, (_, i) =>
    `Paragraph ${i + 1} of the excerpt, long enough to look like a real one. `.repeat(4),
  )
  let threadId = 0
  for (let i = 0; i < 60; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: member.auth,
      payload: { url: `https://news.example.com/story-${i}`, forum: 'editorials' },
    })
    threadId = res.json().thread.id
    await pool.query(
      `UPDATE threads SET status = 'ready', title = $2, byline = 'Jane Doe', site_name = 'Example News', excerpt = $3, published_time = now() WHERE id = $1`,
      [threadId, `Headline number ${i} about something that matters`, excerpt],
    )
  }
  for (let i = 0; i < 20; i++) {
    await app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/replies`,
      headers: member.auth,
      payload: { body: `Reply ${i}: I think https://example.org/${i} says it better.` },
    })
  }
  await app.listen({ port: 0, host: '127.0.0.1' })
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const client = new Pool(origin, { connections: CONNECTIONS })
  t.teardown(() => client.close())

  const results: Record<string, ReturnType<typeof summarize> & { rps: number }> = {}
  for (const [name, path] of [
    ['thread page (20 replies)', `/threads/${threadId}`],
    ['latest discussions', '/'],
    ['forum page', '/forums/editorials'],
    ['thread JSON', `/api/threads/${threadId}`],
  ] as const) {
    const samples: number[] = []
    const until = performance.now() + SECONDS * 1000
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const started = performance.now()
          const res = await client.request({ path, method: 'GET' })
          await res.body.dump()
          if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode}`)
          samples.push(performance.now() - started)
        }
      }),
    )
    const s = summarize(samples)
    results[name] = { ...s, rps: s.n / SECONDS }
    console.log(
      `${name}: ${Math.round(s.n / SECONDS)} req/s at ${CONNECTIONS} connections, p50 ${ms(s.median)}, p99 ${ms(s.p99)}`,
    )
  }
  return results
}
