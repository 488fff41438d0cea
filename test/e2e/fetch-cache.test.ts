import t, { type Test } from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

const postThreeTimes = async (t: Test, app: Awaited<ReturnType<typeof buildTestApp>>['app'], url: string) => {
  const member = await registerMember(app)
  const ids: number[] = []
  for (let i = 0; i < 3; i++) {
    const res = await postLink(app, member.auth, { url, forum: 'editorials' })
    t.equal(res.statusCode, 202, 'each post is its own thread (no duplicate window)')
    ids.push(res.json().thread.id)
    t.equal((await waitForDigest(app, ids.at(-1)!)).status, 'ready')
  }
  return ids
}

t.test('posting one link again within minutes costs the source one request', async (t) => {
  const fixtures = await startFixtureServer(t, {
    '/go': (_req, res) => res.writeHead(301, { location: '/editorial.html' }).end(),
  })
  const { app, startWorker } = await buildTestApp(t, { env: { DUPLICATE_WINDOW_DAYS: '0' } })
  await startWorker({ fetchCacheSeconds: 300 })
  await postThreeTimes(t, app, fixtures.url('/editorial.html'))
  t.equal(fixtures.hits('/editorial.html'), 1)

  const member = await registerMember(app)
  const viaShortLink = await postLink(app, member.auth, { url: fixtures.url('/go'), forum: 'editorials' })
  t.equal((await waitForDigest(app, viaShortLink.json().thread.id)).status, 'ready')
  t.equal(fixtures.hits('/go'), 1, 'a new link is fetched')
  t.equal(fixtures.hits('/editorial.html'), 2, 'its redirect target is fetched too, as the redirect says')
})

t.test('with the cache off every post fetches', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t, { env: { DUPLICATE_WINDOW_DAYS: '0' } })
  await startWorker({ fetchCacheSeconds: 0 })
  await postThreeTimes(t, app, fixtures.url('/editorial.html'))
  t.equal(fixtures.hits('/editorial.html'), 3)
})
