import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { hang, unavailableFor } from '../helpers/faulty-routes.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

/** What a post promises whatever its site does: settled, ready or failed, this soon after it was made. */
const SETTLES_WITHIN_MS = 60_000

// The fetch settings a fresh install runs with: the promise is about them, not test-sized ones.
const PRODUCTION_FETCH = { FETCH_TIMEOUT_MS: '15000', FETCH_HOST_GAP_MS: '1000' }

async function post(app: FastifyInstance, auth: Record<string, string>, url: string) {
  const postedAt = Date.now()
  const res = await postLink(app, auth, { url, forum: 'editorials' })
  if (res.statusCode !== 202) throw new Error(`posting ${url}: ${res.statusCode} ${res.body}`)
  return { url, postedAt, id: res.json().thread.id as number }
}

async function settle(app: FastifyInstance, posted: Awaited<ReturnType<typeof post>>) {
  const thread = await waitForDigest(app, posted.id, SETTLES_WITHIN_MS + 30_000)
  return { ...posted, thread, settledMs: Date.now() - posted.postedAt }
}

t.test('posts queued behind a hanging page of their own site settle within a minute of their post', async (t) => {
  const site = await startFixtureServer(t, { '/hang-1': hang, '/hang-2': hang, '/hang-3': hang })
  const { app, startWorker } = await buildTestApp(t, { env: PRODUCTION_FETCH })
  await startWorker()
  const member = await registerMember(app)

  const first = await post(app, member.auth, site.url('/hang-1'))
  // The others arrive while the first one's fetch hangs, and queue for the site's turn.
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const later = []
  for (const path of ['/hang-2', '/hang-3', '/editorial.html']) later.push(await post(app, member.auth, site.url(path)))
  const [hung1, hung2, hung3, normal] = await Promise.all([first, ...later].map((posted) => settle(app, posted)))

  t.equal(normal!.thread.status, 'ready', 'the page that answers is digested')
  for (const { url, thread } of [hung1!, hung2!, hung3!]) {
    t.match(thread, { status: 'failed', errorReason: 'timeout' }, `${url}: ${String(thread.error)}`)
  }
  for (const { url, settledMs } of [hung1!, hung2!, hung3!, normal!]) {
    t.ok(settledMs < SETTLES_WITHIN_MS, `${url} settled ${settledMs} ms after its post`)
  }
})

t.test('a site that asks to be left alone longer than a post can wait fails it at once', async (t) => {
  const site = await startFixtureServer(t, { '/down': unavailableFor(600) })
  const { app, startWorker } = await buildTestApp(t, { env: PRODUCTION_FETCH })
  await startWorker()
  const member = await registerMember(app)

  const down = await settle(app, await post(app, member.auth, site.url('/down')))
  t.match(down.thread, {
    status: 'failed',
    errorReason: 'http_error',
    error: 'The site had a problem and could not give us the page (HTTP 503); it asked us to come back in 10 minutes.',
  })
  t.equal(site.hits('/down'), 1, 'asked once: a retry could not come in time')

  // Another page of that site, meanwhile: the site asked us not to come back yet.
  const next = await settle(app, await post(app, member.auth, site.url('/editorial.html')))
  t.match(next.thread, {
    status: 'failed',
    errorReason: 'refused',
    error: /^The site asked us to wait (9|10) minutes before fetching from it again\.$/,
  })
  t.equal(site.hits('/editorial.html'), 0, 'and we did not ask')
  for (const { url, settledMs } of [down, next]) {
    t.ok(settledMs < SETTLES_WITHIN_MS, `${url} settled ${settledMs} ms after its post`)
  }
})
