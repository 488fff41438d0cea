import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'

t.test('a burst of links to one site is fetched one at a time, spaced out', async (t) => {
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  const arrivals: number[] = []
  // Each answer takes 800 ms: a second fetch may start only 500 ms after the first has ended.
  const serve = (_req: unknown, res: import('node:http').ServerResponse) => {
    arrivals.push(Date.now())
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(editorial), 800)
  }
  const fixtures = await startFixtureServer(t, { '/a': serve, '/b': serve, '/c': serve })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker({ fetchHostGapMs: 500, workerConcurrency: 4 })
  const member = await registerMember(app)
  const posts = await Promise.all(
    ['/a', '/b', '/c'].map((path) => postLink(app, member.auth, { url: fixtures.url(path), forum: 'editorials' })),
  )
  for (const res of posts) t.equal((await waitForDigest(app, res.json().thread.id, 60_000)).status, 'ready')
  t.equal(arrivals.length, 3, 'one request per link')
  const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!)
  t.ok(
    gaps.every((gap) => gap >= 1250),
    `one request at a time per host, the gap after each (gaps: ${gaps.join(', ')} ms)`,
  )
})

t.test("a site's Retry-After holds the next attempt back", async (t) => {
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  const arrivals: number[] = []
  const fixtures = await startFixtureServer(t, {
    '/busy-then-fine': (_req, res) => {
      arrivals.push(Date.now())
      if (arrivals.length === 1) res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '4' }).end('busy')
      else res.writeHead(200, { 'content-type': 'text/html' }).end(editorial)
    },
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const res = await postLink(app, member.auth, { url: fixtures.url('/busy-then-fine'), forum: 'editorials' })
  t.equal((await waitForDigest(app, res.json().thread.id, 60_000)).status, 'ready')
  t.equal(arrivals.length, 2)
  t.ok(
    arrivals[1]! - arrivals[0]! >= 3900,
    `waited for Retry-After: 4 rather than the 2 s backoff (${arrivals[1]! - arrivals[0]!} ms)`,
  )
})

t.test('the fetcher asks for the clean link, without trackers', async (t) => {
  const seen: string[] = []
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  const fixtures = await startFixtureServer(t, {
    '/tracked': (req, res) => {
      seen.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'text/html' }).end(editorial)
    },
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const res = await postLink(app, member.auth, {
    url: fixtures.url('/tracked?utm_source=mail&id=3&fbclid=x#top'),
    forum: 'editorials',
  })
  await waitForDigest(app, res.json().thread.id)
  t.same(seen, ['/tracked?id=3'])
  t.equal(
    res.json().thread.submittedUrl,
    fixtures.url('/tracked?utm_source=mail&id=3&fbclid=x#top'),
    'the thread keeps what was posted',
  )
})
