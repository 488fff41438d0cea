import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember } from '../helpers/factories.js'
import { reportTally, tallyPosts, until } from '../helpers/fault-counts.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { noRedisServer, startRedisServer } from '../helpers/redis-server.js'
import { startWorkerProcess } from '../helpers/worker-process.js'

/** Far above a post's usual tens of milliseconds, far below the minute a hung queue took. */
const ANSWER_LIMIT_MS = 3000

const article = (n: number) =>
  `<!doctype html><html lang="en"><head><title>Tide report ${n}</title></head><body><article>
  <h1>Tide report ${n}</h1>${[1, 2, 3, 4]
    .map(
      (i) =>
        `<p>Paragraph ${i} of tide report ${n}: the harbour master said the spring tides would reach the quay ` +
        `wall twice this week, and asked boat owners to check their moorings before the weekend.</p>`,
    )
    .join('')}</article></body></html>`

t.test('Redis not listening at all from the start', { skip: noRedisServer() }, async (t) => {
  const site = await startFixtureServer(t, {
    '/tide': (req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://fixture').searchParams.get('n'))
      res.writeHead(200, { 'content-type': 'text/html' }).end(article(n))
    },
  })
  // Its port is free and nothing listens there until the test starts it.
  const redis = await startRedisServer(t, { running: false })
  const { app, config, pool } = await buildTestApp(t, {
    queue: 'redis',
    env: { REDIS_URL: redis.url, SWEEP_INTERVAL_MS: '1000', SWEEP_LOST_AFTER_SECONDS: '2' },
  })
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)

  const answers: { how: string; status: number; ms: number }[] = []
  const accepted: number[] = []
  const timed = async <T extends { statusCode: number }>(how: string, send: () => Promise<T>) => {
    const started = Date.now()
    const res = await send()
    answers.push({ how, status: res.statusCode, ms: Date.now() - started })
    return res
  }
  for (let n = 1; n <= 4; n++) {
    const res = await timed('API', () =>
      postLink(app, member.auth, { url: site.url(`/tide?n=${n}`), forum: 'editorials' }),
    )
    if (res.statusCode === 202) accepted.push(res.json().thread.id as number)
  }
  for (let n = 5; n <= 6; n++) {
    const res = await timed('form', () =>
      app.inject({ url: '/post', ...formPost({ url: site.url(`/tide?n=${n}`), forum: 'editorials' }, { cookie }) }),
    )
    const id = /^\/threads\/(\d+)/.exec(String(res.headers.location))?.[1]
    if (res.statusCode === 303 && id) accepted.push(Number(id))
  }
  t.comment(`answers with Redis absent: ${answers.map((a) => `${a.how} ${a.status} in ${a.ms} ms`).join(', ')}`)
  t.same(
    answers.filter((a) => a.status !== (a.how === 'API' ? 202 : 303) || a.ms > ANSWER_LIMIT_MS),
    [],
    `every post is accepted within ${ANSWER_LIMIT_MS / 1000} s`,
  )
  t.equal(accepted.length, 6, 'every post names its new thread')
  const { rows } = await pool.query<{ status: string }>('SELECT status FROM threads WHERE id = ANY($1)', [accepted])
  t.same(
    rows.map((r) => r.status),
    accepted.map(() => 'pending'),
    'every post is stored, waiting for its digest',
  )

  const started = Date.now()
  const down = await app.inject({ url: '/readyz' })
  t.comment(`readyz answered ${down.statusCode} in ${Date.now() - started} ms: ${down.body}`)
  t.equal(down.statusCode, 503, '/readyz says the process cannot serve everything')
  const downChecks = (down.json() as { checks: Record<string, string> }).checks
  t.equal(downChecks.database, 'ok')
  t.match(downChecks.queue, /Redis/, 'and names the queue backend as what is down')

  // The worker starts while Redis is still away and waits for it.
  const worker = startWorkerProcess(t, config)
  await redis.start()
  const redisUp = Date.now()
  await worker
  await until('every thread settles', async () => (await tallyPosts(pool, accepted)).lost === 0, 60_000)
  t.comment(`all settled ${((Date.now() - redisUp) / 1000).toFixed(1)} s after Redis came up`)
  const tally = await tallyPosts(pool, accepted)
  reportTally(t, 'Redis absent from the start', tally)
  t.equal(tally.ready, accepted.length, 'every digest is ready once Redis is up')
  await until('readyz says ready', async () => (await app.inject({ url: '/readyz' })).statusCode === 200, 10_000)
  t.pass('/readyz is ready again once Redis is up')
})
