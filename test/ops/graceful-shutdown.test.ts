import pg from 'pg'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'
import { until } from '../helpers/fault-counts.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { spawnBroadsheet } from '../helpers/worker-process.js'

const ARTICLE = `<!doctype html><html lang="en"><head><title>Slow news</title></head><body><article><h1>Slow news</h1>${[
  1, 2, 3, 4,
]
  .map((i) => `<p>Paragraph ${i}: the council took its time, and so does this page, which answers after a while.</p>`)
  .join('')}</article></body></html>`

t.test('SIGTERM to npm start: requests in flight and the digest in hand finish, then it all closes', async (t) => {
  const site = await startFixtureServer(t, {
    '/slow': (_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE), 2500)
    },
  })
  const { app, config, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: 'https://example.com/closing', forum: 'economy' })
  const threadId = posted.json().thread.id as number

  const port = await freePort()
  const broadsheet = spawnBroadsheet(t, config, 'src/start.ts', {
    FETCH_HOST_GAP_MS: '0',
    PORT: String(port),
    HOST: '127.0.0.1',
  })
  await until('the process answers', () => broadsheet.output().includes('Digest worker running'), 60_000)
  const base = `http://127.0.0.1:${port}`

  // A digest in hand: the worker is fetching the slow page when the stop comes.
  const slow = await fetch(`${base}/api/threads`, {
    method: 'POST',
    headers: { ...member.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ url: site.url('/slow'), forum: 'editorials' }),
  })
  t.equal(slow.status, 202)
  const slowId = ((await slow.json()) as { thread: { id: number } }).thread.id
  const statusOf = async (id: number) =>
    (await pool.query<{ status: string }>('SELECT status FROM threads WHERE id = $1', [id])).rows[0]!.status
  await until('the worker is fetching', async () => (await statusOf(slowId)) === 'fetching')

  // Requests in flight: held up inside their handlers by a lock the test holds on the threads.
  const locker = new pg.Client({ connectionString: config.databaseUrl })
  await locker.connect()
  t.teardown(() => locker.end())
  await locker.query(`SET search_path = ${config.databaseSchema}`)
  await locker.query('BEGIN')
  await locker.query('LOCK TABLE threads IN ACCESS EXCLUSIVE MODE')
  const reply = fetch(`${base}/api/threads/${threadId}/replies`, {
    method: 'POST',
    headers: { ...member.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'Sent just before the stop.' }),
  })
  const read = fetch(`${base}/api/threads/${threadId}`)
  await new Promise((resolve) => setTimeout(resolve, 500))

  broadsheet.signal('SIGTERM')
  const stoppedAt = Date.now()
  await until('it stops accepting', () => broadsheet.output().includes('stops accepting requests'))
  await new Promise((resolve) => setTimeout(resolve, 500))
  await locker.query('COMMIT')

  t.equal((await reply).status, 201, 'the reply in flight is stored and answered')
  t.equal((await read).status, 200, 'the read in flight is answered')
  t.equal(await broadsheet.exited, 0, 'the process exits cleanly')
  t.comment(`stopped ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after SIGTERM`)
  t.equal(await statusOf(slowId), 'ready', 'the digest in hand was finished before the worker stopped')
  const replies = await pool.query('SELECT count(*)::int AS n FROM replies WHERE thread_id = $1', [threadId])
  t.equal(replies.rows[0].n, 1)
  t.notMatch(broadsheet.output(), 'Cannot use a pool after calling end', 'nothing used the pool after it closed')
  const errors = broadsheet.lines().filter((l) => l.level >= 50)
  t.same(errors, [], 'nothing logged as an error')
  const order = ['stops accepting requests', 'Stopped the digest worker', 'Closed the web server', 'has stopped']
  t.same(
    order
      .map((what) => broadsheet.output().indexOf(what))
      .filter((at, i, all) => at < 0 || (i > 0 && at < all[i - 1]!)),
    [],
    'in order: stop accepting, finish the worker, close the server and its pool',
  )
})
