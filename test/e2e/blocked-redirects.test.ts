import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

const page = (title: string, words: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><article><h1>${title}</h1>${[1, 2, 3, 4]
    .map((i) => `<p>${words} Paragraph ${i} says so at some length, so that the page reads as an article.</p>`)
    .join('')}</article></body></html>`

const PILLS = 'Cheap pills delivered overnight, no prescription asked.'

t.test('a link that redirects to a blocked site fails with the reason, the blocked site never fetched', async (t) => {
  // Three sites on three loopback addresses: the blocked one, a news site whose links move there, a shortener.
  const blocked = await startFixtureServer(
    t,
    { '/offer': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('Offer', PILLS)) },
    '127.0.0.2',
  )
  const news = await startFixtureServer(t, {
    '/moved': (_req, res) => res.writeHead(301, { location: blocked.url('/offer') }).end(),
    '/hop': (_req, res) => res.writeHead(302, { location: '/moved' }).end(),
    '/gone-there': (_req, res) => res.writeHead(308, { location: blocked.url('/offer') }).end(),
    '/fine': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('Harbour plan', 'The harbour plan goes ahead.')),
  })
  const shortener = await startFixtureServer(
    t,
    { '/s': (_req, res) => res.writeHead(301, { location: news.url('/gone-there') }).end() },
    '127.0.0.3',
  )
  const { app, pool, startWorker } = await buildTestApp(t, {
    // Every address may be fetched: only the domain rule stands between the worker and the blocked site.
    env: { FETCH_ALLOW_HOSTS: '127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4' },
  })
  await pool.query(
    `INSERT INTO domain_rules (domain, kind, reason) VALUES ('127.0.0.2', 'blocked', 'It sells pills, not news.'),
     ('127.0.0.3', 'shortener', 'Short links.')`,
  )
  const member = await registerMember(app)

  const post = async (url: string) => {
    const res = await postLink(app, member.auth, { url, forum: 'editorials' })
    t.equal(res.statusCode, 202, `${url} is accepted: nothing at submit says where it leads`)
    return res.json().thread.id as number
  }
  const cases = [
    ['a 301 straight to the blocked site', await post(news.url('/moved'))],
    ['a 302 to a 301 to the blocked site', await post(news.url('/hop'))],
    ['a shortened link to a page that moved there', await post(shortener.url('/s'))],
  ] as const
  const fine = await post(news.url('/fine'))
  // Posted before its site was blocked, digested after.
  const later = await startFixtureServer(
    t,
    { '/offer': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('Offer', PILLS)) },
    '127.0.0.4',
  )
  const blockedSince = await post(later.url('/offer'))
  await pool.query(`INSERT INTO domain_rules (domain, kind, reason) VALUES ('127.0.0.4', 'blocked', 'Pills too.')`)
  await startWorker()

  for (const [what, id] of cases) {
    const thread = await waitForDigest(app, id)
    t.equal(thread.status, 'failed', `${what}: failed`)
    t.equal(thread.errorReason, 'blocked_site', `${what}: for a blocked site`)
    t.equal(
      thread.error,
      'The link redirected to 127.0.0.2, a blocked site: It sells pills, not news.',
      `${what}: says where it led and why that site is blocked`,
    )
    const shown = await threadPage(app, id)
    t.equal(shown.statusCode, 200)
    t.match(shown.body, 'a blocked site: It sells pills, not news.', `${what}: the thread page says why`)
    t.notMatch(shown.body, 'Cheap pills', `${what}: and shows nothing of the blocked site`)
  }
  const since = await waitForDigest(app, blockedSince)
  t.equal(since.status, 'failed', 'a link whose site was blocked after it was posted fails too')
  t.equal(since.error, 'The link leads to 127.0.0.4, a blocked site: Pills too.')
  t.equal(blocked.hits('/offer') + later.hits('/offer'), 0, 'the blocked sites were never asked for their pages')
  t.equal((await waitForDigest(app, fine)).status, 'ready', 'a link that stays on an allowed site is digested')
  const stored = await pool.query(`SELECT count(*)::int AS n FROM threads WHERE article_text LIKE '%pills%'`)
  t.equal(stored.rows[0].n, 0, 'nothing of the blocked site is stored')
})

t.test('a page fetched before its site was blocked is not served from the fetch cache', async (t) => {
  const blocked = await startFixtureServer(
    t,
    { '/offer': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page('Offer', PILLS)) },
    '127.0.0.2',
  )
  const news = await startFixtureServer(t, {
    '/moved': (_req, res) => res.writeHead(301, { location: blocked.url('/offer') }).end(),
  })
  const { app, pool, startWorker } = await buildTestApp(t, {
    env: { FETCH_ALLOW_HOSTS: '127.0.0.1,127.0.0.2', FETCH_CACHE_SECONDS: '300', DUPLICATE_WINDOW_DAYS: '0' },
  })
  const member = await registerMember(app)
  await startWorker()
  const first = await postLink(app, member.auth, { url: news.url('/moved'), forum: 'editorials' })
  t.equal((await waitForDigest(app, first.json().thread.id as number)).status, 'ready', 'digested before the rule')
  t.equal(blocked.hits('/offer'), 1)

  await pool.query(`INSERT INTO domain_rules (domain, kind, reason) VALUES ('127.0.0.2', 'blocked', 'Pills.')`)
  const again = await postLink(app, member.auth, { url: news.url('/moved'), forum: 'the-lounge' })
  t.equal(again.statusCode, 202, 'a new thread for the same link')
  const thread = await waitForDigest(app, again.json().thread.id as number)
  t.equal(thread.status, 'failed')
  t.equal(thread.error, 'The link redirected to 127.0.0.2, a blocked site: Pills.')
  t.equal(blocked.hits('/offer'), 1, 'not fetched again either')
})
