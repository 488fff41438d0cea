import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { dripBody, dripHeaders, flood, hang, unavailable } from '../helpers/faulty-routes.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

/** What a post promises whatever its site does: settled, ready or failed, this soon after it was made. */
const SETTLES_WITHIN_MS = 60_000

// The fetch settings a fresh install runs with: the promise is about them, not test-sized ones.
const PRODUCTION_FETCH = { FETCH_TIMEOUT_MS: '15000', FETCH_HOST_GAP_MS: '1000', FETCH_ALLOW_HOSTS: '127.0.0.0/8' }

async function postAndSettle(app: FastifyInstance, auth: Record<string, string>, url: string) {
  const postedAt = Date.now()
  const res = await postLink(app, auth, { url, forum: 'editorials' })
  if (res.statusCode !== 202) throw new Error(`posting ${url}: ${res.statusCode} ${res.body}`)
  const thread = await waitForDigest(app, res.json().thread.id as number, SETTLES_WITHIN_MS + 30_000)
  return { url, thread, settledMs: Date.now() - postedAt }
}

t.test('a site that hangs, trickles, refuses or floods fails within a minute; others flow meanwhile', async (t) => {
  // One misbehaving site per loopback address, so each is its own site for politeness, as out there.
  const faults = [
    { route: hang, reason: 'timeout', message: /did not answer/ },
    { route: dripHeaders, reason: 'timeout', message: /did not answer/ },
    { route: dripBody, reason: 'timeout', message: /too slow sending the page/ },
    { route: unavailable, reason: 'http_error', message: /HTTP 503/ },
    { route: flood, reason: 'too_large', message: /larger than 5 MB/ },
  ]
  const sites = await Promise.all(
    faults.map((fault, i) => startFixtureServer(t, { '/story': fault.route }, `127.0.0.${i + 2}`)),
  )
  const healthy = await startFixtureServer(t)
  const { app, pool, startWorker } = await buildTestApp(t, { env: PRODUCTION_FETCH })
  await startWorker()
  const member = await registerMember(app)

  const [normal, ...settled] = await Promise.all([
    postAndSettle(app, member.auth, healthy.url('/editorial.html')),
    ...sites.map((site) => postAndSettle(app, member.auth, site.url('/story'))),
  ])

  t.equal(normal!.thread.status, 'ready', 'the article from a healthy site is digested')
  const slowest = Math.max(...settled.map((s) => s.settledMs))
  t.ok(
    normal!.settledMs < Math.min(...settled.slice(0, 3).map((s) => s.settledMs)),
    `ready (${normal!.settledMs} ms) while the hanging sites were still being waited for`,
  )
  for (const [i, { url, thread, settledMs }] of settled.entries()) {
    const fault = faults[i]!
    t.match(
      thread,
      { status: 'failed', errorReason: fault.reason, error: fault.message },
      `${fault.route.name}: ${String(thread.error)}`,
    )
    t.ok(settledMs < SETTLES_WITHIN_MS, `${fault.route.name} (${url}) settled ${settledMs} ms after its post`)
  }
  const { rows } = await pool.query<{ status: string; count: number }>(
    'SELECT status, count(*)::int AS count FROM threads GROUP BY status ORDER BY status',
  )
  t.same(rows, [
    { status: 'failed', count: faults.length },
    { status: 'ready', count: 1 },
  ])
  t.comment(`settled after ${settled.map((s) => `${s.settledMs} ms`).join(', ')}; slowest ${slowest} ms`)
})
