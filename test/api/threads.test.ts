import t from 'tap'
import { parseAllowList } from '../../src/fetch/address-guard.js'
import { COMMENT_MAX, REPLY_MAX, URL_MAX } from '../../src/limits.js'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

t.test('posting refuses bad input with a clear error and stores nothing', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const cases = [
    { payload: { url: '', forum: 'editorials' }, status: 400, error: 'missing_url' },
    { payload: { url: '   ', forum: 'editorials' }, status: 400, error: 'missing_url' },
    { payload: { url: 'not a link', forum: 'editorials' }, status: 400, error: 'invalid_url' },
    { payload: { url: 'ftp://example.com/file', forum: 'editorials' }, status: 400, error: 'invalid_url' },
    { payload: { url: 'https://user:pw@example.com/a', forum: 'editorials' }, status: 400, error: 'invalid_url' },
    { payload: { url: 'https://example.com/a', forum: 'no-such-forum' }, status: 404, error: 'unknown_forum' },
    { payload: { forum: 'editorials' }, status: 400, error: 'invalid_request' },
    {
      payload: { url: 'https://example.com/a', forum: 'editorials', sticky: true },
      status: 400,
      error: 'invalid_request',
    },
  ]
  for (const c of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/threads', headers: member.auth, payload: c.payload })
    t.equal(res.statusCode, c.status, JSON.stringify(c.payload))
    t.equal(res.json().error, c.error)
    t.ok(res.json().message.length > 10, res.json().message)
  }
  const unknownForum = await postLink(app, member.auth, { url: 'https://example.com/a', forum: 'no-such-forum' })
  t.equal(unknownForum.json().message, 'There is no forum called "no-such-forum".')
  const { rows } = await pool.query(
    'SELECT (SELECT count(*)::int FROM threads) AS threads, (SELECT post_count FROM users WHERE id = $1) AS posts',
    [member.user.id],
  )
  t.same(rows[0], { threads: 0, posts: 0 }, 'no thread written, no post counted')
})

t.test('unknown threads and bad ids', async (t) => {
  const { app } = await buildTestApp(t)
  const missing = await app.inject({ method: 'GET', url: '/api/threads/999999' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error, 'unknown_thread')
  const bad = await app.inject({ method: 'GET', url: '/api/threads/abc' })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error, 'invalid_request')
})

t.test('failed fetches say why in plain words', async (t) => {
  const fixtures = await startFixtureServer(t, {
    '/report.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4 not really'),
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const post = async (url: string) => {
    const res = await postLink(app, member.auth, { url, forum: 'editorials' })
    t.equal(res.statusCode, 202)
    return waitForDigest(app, res.json().thread.id)
  }

  const notFound = await post(fixtures.url('/gone.html'))
  t.match(notFound, { status: 'failed', errorReason: 'not_found', error: 'The page was not found (HTTP 404).' })

  const pdf = await post(fixtures.url('/report.pdf'))
  t.match(pdf, {
    status: 'failed',
    errorReason: 'not_html',
    error: 'The link is not a web page (it is application/pdf).',
  })
  t.equal(fixtures.hits('/report.pdf'), 1, 'permanent failures are not retried')
})

t.test('private addresses are refused without the allow list', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker({ fetchAllowHosts: parseAllowList('') })
  const member = await registerMember(app)
  const res = await postLink(app, member.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
  const thread = await waitForDigest(app, res.json().thread.id)
  t.match(thread, {
    status: 'failed',
    errorReason: 'blocked_address',
    error: 'That address is private or reserved; we do not fetch it.',
  })
  t.equal(fixtures.hits('/editorial.html'), 0, 'the fixture server was never contacted')
  t.equal(thread.title, null)
})

t.test('transient failures retry with backoff, then fail with the reason', async (t) => {
  const fixtures = await startFixtureServer(t, {
    '/busy': (_req, res) => res.writeHead(503, { 'content-type': 'text/html' }).end('busy'),
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const res = await postLink(app, member.auth, { url: fixtures.url('/busy'), forum: 'editorials' })
  // 4 attempts with 2 s, 4 s and 8 s between them.
  const thread = await waitForDigest(app, res.json().thread.id, 60_000)
  t.match(thread, {
    status: 'failed',
    errorReason: 'http_error',
    error: 'The site had a problem and could not give us the page (HTTP 503).',
  })
  t.equal(fixtures.hits('/busy'), 4, 'tried once and retried three times')
})

t.test('the API sends the schema fields of the view model, and the limits the forms show', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: 'https://example.com/known', forum: 'economy' })
  t.equal(posted.statusCode, 202)
  const known = await app.inject({
    method: 'GET',
    url: `/api/links?url=${encodeURIComponent('https://example.com/known')}`,
  })
  t.equal(known.statusCode, 200, 'a thread inside a union answer')
  t.equal(known.json().thread.id, posted.json().thread.id)
  t.same(Object.keys(known.json().thread).sort(), Object.keys(posted.json().thread).sort())
  t.notOk('isWaiting' in known.json().thread)
  t.equal(posted.json().thread.standfirst, null, 'no standfirst before the digest')

  const cases = [
    {
      url: '/api/threads',
      payload: { url: 'https://example.com/c', forum: 'economy', comment: 'x'.repeat(COMMENT_MAX + 1) },
    },
    { url: '/api/threads', payload: { url: `https://example.com/${'x'.repeat(URL_MAX)}`, forum: 'economy' } },
    { url: `/api/threads/${posted.json().thread.id}/replies`, payload: { body: 'x'.repeat(REPLY_MAX + 1) } },
  ]
  for (const c of cases) {
    const res = await app.inject({ method: 'POST', url: c.url, headers: member.auth, payload: c.payload })
    t.equal(res.statusCode, 400, c.url)
    t.match(res.json().message, /too long \(at most (5000|2048|20000) characters\)/)
  }
  const atLimit = await postLink(app, member.auth, {
    url: 'https://example.com/d',
    forum: 'economy',
    comment: 'x'.repeat(COMMENT_MAX),
  })
  t.equal(atLimit.statusCode, 202, 'a comment at the limit is accepted')
})
