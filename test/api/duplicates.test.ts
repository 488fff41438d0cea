import t from 'tap'
import { rebuildStaleLinkKeys } from '../../src/db/links.js'
import { LINK_RULES_VERSION } from '../../src/links/normalize.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

const countThreads = async (pool: { query: (sql: string) => Promise<{ rows: { n: number }[] }> }) =>
  (await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0]!.n

t.test('a link posted again, written differently, leads to the existing thread', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const first = await registerMember(app)
  const second = await registerMember(app)
  const a = await postLink(app, first.auth, { url: 'https://www.example.com/news/story?id=7', forum: 'editorials' })
  t.equal(a.statusCode, 202)
  const id = a.json().thread.id

  for (const variant of [
    'https://www.example.com/news/story?id=7',
    'http://example.com/news/story/?id=7&utm_source=twitter&fbclid=abc#comments',
    'https://amp.example.com/news/story/amp?id=7',
  ]) {
    const res = await postLink(app, second.auth, { url: variant, forum: 'general-discussion' })
    t.equal(res.statusCode, 200, variant)
    t.equal(res.json().duplicate, true)
    t.equal(res.json().thread.id, id)
    t.equal(res.json().thread.forum, 'editorials', 'the existing thread, in its own forum')
  }
  t.equal(await countThreads(pool), 1)
  const { rows } = await pool.query('SELECT post_count FROM users WHERE id = $1', [second.user.id])
  t.equal(rows[0].post_count, 0, 'a duplicate is not a post')

  const other = await postLink(app, second.auth, {
    url: 'https://www.example.com/news/story?id=8',
    forum: 'editorials',
  })
  t.equal(other.statusCode, 202, 'a different query is a different story')
})

t.test('members posting the same link at the same moment end with one thread', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const members = await Promise.all(Array.from({ length: 6 }, () => registerMember(app)))
  const answers = await Promise.all(
    members.map((m, i) =>
      postLink(app, m.auth, {
        url: `https://news.example.org/big-story${i % 2 ? '?utm_medium=x' : ''}`,
        forum: 'latest-breaking-news',
      }),
    ),
  )
  const ids = new Set(answers.map((r) => r.json().thread.id))
  t.equal(ids.size, 1, 'every member got the same thread')
  t.same(
    answers.map((r) => r.statusCode).sort((a, b) => a - b),
    [200, 200, 200, 200, 200, 202],
  )
  t.equal(await countThreads(pool), 1)
})

t.test('after the window a new thread links to the earlier discussion', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const old = await postLink(app, member.auth, { url: 'https://example.com/annual-report', forum: 'economy' })
  const oldId = old.json().thread.id
  await pool.query(
    `UPDATE threads SET created_at = now() - interval '31 days', title = 'Last year''s report' WHERE id = $1`,
    [oldId],
  )

  const again = await postLink(app, member.auth, { url: 'https://example.com/annual-report', forum: 'economy' })
  t.equal(again.statusCode, 202)
  t.not(again.json().thread.id, oldId)
  t.match(again.json().thread.previousThread, { id: oldId, title: "Last year's report" })
  const page = await threadPage(app, again.json().thread.id)
  t.match(
    page.body,
    `Previously discussed: <a href="/threads/${oldId}-last-years-report"><bdi>Last year&#39;s report</bdi></a>`,
  )
})

t.test('failed threads do not block posting the link again', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const url = fixtures.url('/missing.html')
  const first = await postLink(app, member.auth, { url, forum: 'editorials' })
  t.equal((await waitForDigest(app, first.json().thread.id)).status, 'failed')
  const again = await postLink(app, member.auth, { url, forum: 'editorials' })
  t.equal(again.statusCode, 202)
  t.equal(again.json().thread.previousThread, null)
})

t.test('duplicates match on the URL after redirects and the canonical URL too', async (t) => {
  const fixtures = await startFixtureServer(t, {
    '/go/editorial': (_req, res) => res.writeHead(302, { location: '/editorial.html' }).end(),
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)

  const viaShortLink = await postLink(app, member.auth, { url: fixtures.url('/go/editorial'), forum: 'editorials' })
  const first = await waitForDigest(app, viaShortLink.json().thread.id)
  t.equal(first.status, 'ready')

  for (const url of [
    fixtures.url('/editorial.html'),
    fixtures.url('/opinion/2016/04/06/city-cant-keep-patching-bridges/'),
  ]) {
    const res = await postLink(app, member.auth, { url, forum: 'editorials' })
    t.equal(res.statusCode, 200, `${url} is the same story`)
    t.equal(res.json().thread.id, first.id)
  }
})

t.test('a thread found to be a copy once fetched says where the story was posted first', async (t) => {
  const fixtures = await startFixtureServer(t, {
    '/go/editorial': (_req, res) => res.writeHead(302, { location: '/editorial.html' }).end(),
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const direct = await postLink(app, member.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
  await waitForDigest(app, direct.json().thread.id)
  const short = await postLink(app, member.auth, { url: fixtures.url('/go/editorial'), forum: 'the-lounge' })
  t.equal(short.statusCode, 202, 'the short link is not known until it is fetched')
  const copy = await waitForDigest(app, short.json().thread.id)
  t.match(copy.earlierCopy, { id: direct.json().thread.id, title: 'The city can’t keep patching its bridges' })
  const page = await threadPage(app, Number(copy.id))
  t.match(
    page.body,
    `Already posted as <a href="/threads/${direct.json().thread.id}-the-city-cant-keep-patching-its-bridges">`,
  )
})

t.test('the posting form sends a repeated link to its thread with a notice', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const first = await app.inject({
    url: '/forums/editorials/post',
    ...formPost({ url: 'https://example.net/op-ed' }, { cookie }),
  })
  const again = await app.inject({
    url: '/forums/books/post',
    ...formPost({ url: 'https://example.net/op-ed?utm_source=newsletter' }, { cookie }),
  })
  t.equal(again.headers.location, `${first.headers.location}?notice=already-posted`)
  const page = await app.inject({ method: 'GET', url: again.headers.location as string })
  t.match(page.body, 'That link was already posted, so here is its discussion.')

  const form = await app.inject({ method: 'GET', url: '/forums/editorials/post', headers: { cookie } })
  t.match(form.body, '<script src="/static/post-form.js" type="module"></script>', 'the form warns while typing')
})

t.test('the link lookup behind the form warning', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: 'https://example.org/x', forum: 'editorials' })
  const known = await app.inject({
    method: 'GET',
    url: `/api/links?url=${encodeURIComponent('http://www.example.org/x/?utm_source=a')}`,
  })
  t.equal(known.statusCode, 200)
  t.equal(known.json().duplicate, true)
  t.equal(known.json().thread.id, posted.json().thread.id)
  const unknown = await app.inject({
    method: 'GET',
    url: `/api/links?url=${encodeURIComponent('https://example.org/y')}`,
  })
  t.same(unknown.json(), { thread: null, duplicate: false })
  const bad = await app.inject({ method: 'GET', url: '/api/links?url=nonsense' })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error, 'invalid_url')
})

t.test('stored keys of older link rules are rebuilt', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  await postLink(app, member.auth, { url: 'https://www.example.com/a?utm_source=x', forum: 'editorials' })
  const before = (await pool.query('SELECT key FROM thread_links')).rows[0].key
  await pool.query(`UPDATE thread_links SET key = 'stale', rules_version = 0`)
  t.equal(await rebuildStaleLinkKeys(pool), 1)
  const after = await pool.query('SELECT key, rules_version FROM thread_links')
  t.equal(after.rows[0].key, before)
  t.equal(after.rows[0].key, 'example.com/a')
  t.equal(await rebuildStaleLinkKeys(pool), 0, 'nothing left to rebuild')
})

t.test('a comment sent with a known link becomes the poster’s reply on the existing thread (API)', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const first = await registerMember(app)
  const second = await registerMember(app)
  const posted = await postLink(app, first.auth, {
    url: 'https://example.com/bridge-report',
    forum: 'editorials',
    comment: 'First!',
  })
  const id = posted.json().thread.id

  const again = await postLink(app, second.auth, {
    url: 'https://www.example.com/bridge-report?utm_source=mail',
    forum: 'the-lounge',
    comment: '  The council vote is on Tuesday.\r\nWorth a read.  ',
  })
  t.equal(again.statusCode, 200)
  t.equal(again.json().duplicate, true)
  t.equal(again.json().thread.id, id)
  t.match(again.json().commentReply, {
    body: 'The council vote is on Tuesday.\nWorth a read.',
    author: { username: second.user.username },
  })
  const replies = await app.inject({ method: 'GET', url: `/api/threads/${id}/replies` })
  t.same(
    replies.json().replies.map((r: { id: number; body: string }) => [r.id, r.body]),
    [[again.json().commentReply.id, 'The council vote is on Tuesday.\nWorth a read.']],
    'the comment is stored as the only reply',
  )
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM threads) AS threads, (SELECT reply_count FROM threads WHERE id = $1) AS replies,
            (SELECT post_count FROM users WHERE id = $2) AS posts`,
    [id, second.user.id],
  )
  t.same(rows[0], { threads: 1, replies: 1, posts: 1 }, 'one reply, counted as the poster’s post; no new thread')

  const bare = await postLink(app, second.auth, {
    url: 'https://example.com/bridge-report',
    forum: 'editorials',
    comment: '   ',
  })
  t.equal(bare.statusCode, 200)
  t.notOk('commentReply' in bare.json(), 'no comment, no reply')
})

t.test('the posting form keeps a comment sent with a known link as a reply and says so', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const other = await registerMember(app)
  const first = await postLink(app, member.auth, { url: 'https://example.net/budget', forum: 'economy' })
  const id = first.json().thread.id
  const cookie = await browserSession(app, other.user.username, other.password)
  const again = await app.inject({
    url: '/forums/economy/post',
    ...formPost({ url: 'https://m.example.net/budget/', comment: 'The second table is the one to read.' }, { cookie }),
  })
  t.equal(again.statusCode, 303)
  const location = String(again.headers.location)
  t.match(location, new RegExp(`^/threads/${id}\\?notice=already-posted-comment-added#reply-\\d+$`))
  const page = await app.inject({ method: 'GET', url: location.split('#')[0]! })
  t.match(page.body, 'That link was already posted, so here is its discussion; your comment was added as a reply.')
  const replyId = location.split('#reply-')[1]
  t.match(page.body, `id="reply-${replyId}"`)
  t.match(page.body, 'The second table is the one to read.')
  t.match(page.body, other.user.username)
})

t.test('keys stored under older link rules are rebuilt with the current ones', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, {
    url: 'https://www2.example.com/news/index.htm',
    forum: 'editorials',
  })
  // What the first link rules made of it: only "www." was dropped, the page name kept.
  await pool.query(`UPDATE thread_links SET key = 'www2.example.com/news/index.htm', rules_version = 1`)
  const lookup = () =>
    app.inject({ method: 'GET', url: `/api/links?url=${encodeURIComponent('https://example.com/news/')}` })
  t.equal((await lookup()).json().duplicate, false, 'the old key does not know the page')
  t.equal(await rebuildStaleLinkKeys(pool), 1)
  const { rows } = await pool.query('SELECT key, rules_version AS "rulesVersion" FROM thread_links')
  t.same(rows, [{ key: 'example.com/news', rulesVersion: LINK_RULES_VERSION }])
  t.equal((await lookup()).json().thread.id, posted.json().thread.id, 'found under the rebuilt key')
})
