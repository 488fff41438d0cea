import { spawn } from 'node:child_process'
import { gunzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { ROOT } from '../../src/paths.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { digestedThread, readFeed } from '../helpers/feeds.js'

t.test('anonymous readers share one rendered page, with an ETag; members get theirs, private', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  await postLink(app, member.auth, { url: 'https://example.com/shared', forum: 'economy' })

  for (const url of ['/', '/forums', '/forums/economy']) {
    const first = await app.inject({ method: 'GET', url })
    t.equal(first.statusCode, 200, url)
    t.equal(first.headers['cache-control'], 'public, no-cache', `${url}: browsers and proxies ask again each time`)
    const etag = first.headers.etag as string
    t.match(etag, /^"[\w-]+"$/, `${url} has an ETag`)
    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })
    t.equal(again.statusCode, 304, `${url}: unchanged, so 304`)
    t.equal(again.body, '')
  }

  const plain = await app.inject({ method: 'GET', url: '/' })
  const zipped = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br, gzip;q=0.8' } })
  t.equal(zipped.headers['content-encoding'], 'gzip', 'browsers that take gzip get it')
  t.equal(gunzipSync(zipped.rawPayload).toString(), plain.body, 'the same page')
  t.not(zipped.headers.etag, plain.headers.etag, 'under an ETag of its own')
  const refused = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip;q=0' } })
  t.notOk(refused.headers['content-encoding'], 'gzip;q=0 means no gzip')

  const cookie = await browserSession(app, member.user.username, member.password)
  const mine = await app.inject({ method: 'GET', url: '/', headers: { cookie } })
  t.equal(mine.headers['cache-control'], 'private, no-cache', "a member's page is theirs alone")
  t.notOk(mine.headers.etag, 'and is not matched against the shared copy')
  t.match(mine.body, `>${member.user.username}</a> <span class="muted">(1 post)</span>`, 'the header names the member')
  t.match(mine.body, 'Log out')
  const anonymous = await app.inject({ method: 'GET', url: '/' })
  t.notMatch(anonymous.body, member.user.username + '</a> <span', 'the shared page never carries a member')
  t.match(anonymous.body, '<a href="/login?next=%2F">Log in</a>')
  t.notMatch(anonymous.body, '\u0000', 'no marker is left in what is sent')
  t.notMatch(mine.body, '\u0000')
  const mineZipped = await app.inject({ method: 'GET', url: '/', headers: { cookie, 'accept-encoding': 'gzip' } })
  t.equal(mineZipped.headers['content-encoding'], 'gzip', "a member's page is gzipped too")
  t.equal(gunzipSync(mineZipped.rawPayload).toString(), mine.body, 'the same page')
})

t.test('a reply or a digest shows on the next request after it is stored', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  const poster = await registerMember(app)
  const replier = await registerMember(app)
  const posted = await postLink(app, poster.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
  const id = posted.json().thread.id as number

  const waiting = await threadPage(app, id)
  t.match(waiting.body, 'Waiting for the fetcher', 'the page is cached while the digest is pending')
  await startWorker()
  await waitForDigest(app, id)
  const ready = await threadPage(app, id)
  t.match(ready.body, '<blockquote class="excerpt"', 'the digest shows')
  t.not(ready.headers.etag, waiting.headers.etag, 'under a new ETag')

  const cookie = await browserSession(app, replier.user.username, replier.password)
  const posting = await app.inject({
    url: `/threads/${id}`,
    ...formPost({ body: 'Cached pages must not hide this.' }, { cookie }),
  })
  t.equal(posting.statusCode, 303)
  const after = await threadPage(app, id)
  t.match(after.body, 'Cached pages must not hide this.', 'the reply shows at once')
  t.match(after.body, '<h2>1 reply</h2>')
  const latest = await app.inject({ method: 'GET', url: '/' })
  t.match(latest.body, '1 reply', 'and the lists count it')
})

t.test('two web processes: what one stores, the other shows on its next request', async (t) => {
  // A hundred replies from one new member below, each read back at once.
  const built = await buildTestApp(t, { env: { RATE_REPLIES_PER_HOUR: '1000', NEW_MEMBER_REPLIES_PER_HOUR: '1000' } })
  const { app, config } = built
  const port = await freePort()
  const other = spawn(process.execPath, ['scripts/launch.mjs', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: config.databaseUrl,
      DATABASE_SCHEMA: config.databaseSchema,
      QUEUE_PREFIX: config.queuePrefix,
      ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  t.teardown(
    () =>
      new Promise((resolve) => {
        other.once('exit', resolve)
        other.kill('SIGTERM')
      }),
  )
  const get = async (path: string) => {
    for (let tries = 0; ; tries++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`)
        return { status: res.status, body: await res.text() }
      } catch (err) {
        if (tries > 300) throw err
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }

  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: 'https://example.com/two-processes', forum: 'economy' })
  const id = posted.json().thread.id as number
  t.match((await get(`/threads/${id}`)).body, '<h2>0 replies</h2>', 'the other process has the page cached')
  t.match((await get('/forums/economy')).body, `/threads/${id}`)

  for (let n = 1; n <= 5; n++) {
    const replied = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: member.auth,
      payload: { body: `Reply number ${n} from the first process.` },
    })
    t.equal(replied.statusCode, 201)
    const page = await get(`/threads/${id}`)
    t.match(page.body, `Reply number ${n} from the first process.`, `reply ${n} shows in the other process at once`)
    const json = JSON.parse((await get(`/api/threads/${id}`)).body) as { thread: { replyCount: number } }
    t.equal(json.thread.replyCount, n, 'and in its JSON')
  }

  // Busy, the other process answers many requests with one check: each must still show what was stored before it.
  const address = (await fetch(`http://127.0.0.1:${port}/threads/${id}`)).url
  let finish: (result: autocannon.Result) => void = () => undefined
  const finished = new Promise<autocannon.Result>((resolve) => (finish = resolve))
  const load = autocannon({ url: address, connections: 10, duration: 120 }, (err, result: autocannon.Result) => {
    if (err) t.fail(String(err))
    finish(result)
  })
  // Also if a step below throws: the load would otherwise run on against a stopped process.
  t.teardown(() => load.stop())
  const stale: number[] = []
  for (let n = 6; n <= 105; n++) {
    const replied = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: member.auth,
      payload: { body: `Reply number ${n}, stored while the other process is busy.` },
    })
    if (replied.statusCode !== 201) t.fail(`reply ${n} answered ${replied.statusCode}`)
    const json = JSON.parse((await get(`/api/threads/${id}`)).body) as { thread: { replyCount: number } }
    if (json.thread.replyCount !== n) stale.push(n)
  }
  load.stop()
  const { errors, non2xx } = await finished
  t.same(stale, [], 'under load, every reply shows in the other process at once')
  t.equal(errors + non2xx, 0, 'and every read under load was answered')

  // The feeds and the search API are kept like pages: a new digest is in both at once, there too.
  t.equal((await get('/feed.atom')).status, 200)
  const before = await get('/api/search?q=wombatting')
  t.same(JSON.parse(before.body).results, [], 'the other process keeps an empty search')
  const digested = await digestedThread(built, member.auth, {
    slug: 'two-processes-feed',
    title: 'Wombatting season opens',
  })
  const feed = await get('/feed.atom')
  t.equal(readFeed(feed.body).items[0]?.title, digested.title, 'the feed there has the new thread')
  const found = JSON.parse((await get('/api/search?q=wombatting')).body) as { results: { threadId: number }[] }
  t.same(
    found.results.map((r) => r.threadId),
    [digested.id],
    'and so has the search API there',
  )
})

t.test('lists page by cursor: following rel="next" walks every thread once, rel="prev" walks back', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const { rows: forums } = await pool.query<{ id: number }>(`SELECT id FROM forums WHERE slug = 'economy'`)
  // 60 threads, two by two at the same moment: ties are broken by id.
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO threads (forum_id, author_id, submitted_url, status, title, excerpt, created_at, last_activity_at)
     SELECT $1, $2, 'https://example.com/t' || i, 'ready', 'Story ' || i, ARRAY['Text.'],
            now() - (i / 2) * interval '1 minute', now() - (i / 2) * interval '1 minute'
     FROM generate_series(1, 60) i RETURNING id`,
    [forums[0]!.id, member.user.id],
  )
  const expected = [...rows]
    .map((r, i) => ({ id: r.id, at: Math.floor((i + 1) / 2) }))
    .sort((a, b) => a.at - b.at || b.id - a.id)
    .map((r) => r.id)

  for (const base of ['/', '/forums/economy']) {
    const seen: number[] = []
    const pages: string[] = []
    let url: string | undefined = base
    while (url) {
      const res: { statusCode: number; body: string } = await app.inject({ method: 'GET', url })
      t.equal(res.statusCode, 200, url)
      pages.push(url)
      seen.push(
        ...[...res.body.matchAll(/<a class="title" href="\/threads\/(\d+)(?:-[a-z0-9-]+)?">/g)].map((m) =>
          Number(m[1]),
        ),
      )
      url = /<a rel="next" href="([^"]+)">/.exec(res.body)?.[1]
    }
    t.same(seen, expected, `${base}: every thread once, newest first`)
    t.equal(pages.length, 3, `${base}: 25, 25 and 10`)

    const back: number[][] = []
    url = pages.at(-1)
    while (url) {
      const res: { body: string } = await app.inject({ method: 'GET', url })
      back.unshift(
        [...res.body.matchAll(/<a class="title" href="\/threads\/(\d+)(?:-[a-z0-9-]+)?">/g)].map((m) => Number(m[1])),
      )
      url = /<a rel="prev" href="([^"]+)">/.exec(res.body)?.[1]
    }
    t.same(back.flat(), expected, `${base}: rel="prev" leads back to the top`)
  }

  const bad = await app.inject({ method: 'GET', url: '/?after=yesterday' })
  t.equal(bad.statusCode, 400, 'a cursor that is not one is refused')
})
