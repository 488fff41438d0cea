import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { noRedisServer, startRedisServer } from '../helpers/redis-server.js'
import { startRestartablePostgres } from '../helpers/restartable-postgres.js'

interface Readiness {
  status?: string
  error?: string
  checks: { database: string; queue: string; migrations: string }
}

/** Asks /readyz until `done` holds for its answer (the pools reconnect by themselves). */
async function readyzUntil(app: Awaited<ReturnType<typeof buildTestApp>>['app'], done: (status: number) => boolean) {
  for (let tries = 0; ; tries++) {
    const res = await app.inject({ url: '/readyz' })
    if (done(res.statusCode) || tries > 60) return { status: res.statusCode, body: res.json() as Readiness }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

t.test('readyz says 503 while Postgres is down (the queue on it too), and ready once it is back', async (t) => {
  const postgres = await startRestartablePostgres(t)
  const { app } = await buildTestApp(t, { databaseUrl: postgres.url, queue: 'postgres' })
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)

  await postgres.stop()
  const started = Date.now()
  const down = await readyzUntil(app, (status) => status === 503)
  t.ok(Date.now() - started < 10_000, 'a probe gets its answer in bounded time')
  t.equal(down.status, 503)
  t.equal(down.body.error, 'not_ready')
  t.not(down.body.checks.database, 'ok', `database: ${down.body.checks.database}`)
  t.not(down.body.checks.queue, 'ok', `queue: ${down.body.checks.queue}`)
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200, 'the process is still alive: not restarted for it')

  await postgres.start()
  const back = await readyzUntil(app, (status) => status === 200)
  t.equal(back.status, 200)
  t.same(back.body, { status: 'ready', checks: { database: 'ok', queue: 'ok', migrations: 'ok' } })
})

t.test('readyz names the queue when Redis is down', { skip: noRedisServer() }, async (t) => {
  const redis = await startRedisServer(t)
  const { app } = await buildTestApp(t, { queue: 'redis', env: { REDIS_URL: redis.url } })
  t.equal((await app.inject({ url: '/readyz' })).statusCode, 200)
  await redis.stop()
  const down = await readyzUntil(app, (status) => status === 503)
  t.equal(down.status, 503)
  t.equal(down.body.checks.database, 'ok')
  t.not(down.body.checks.queue, 'ok', `queue: ${down.body.checks.queue}`)
  await redis.start()
  const back = await readyzUntil(app, (status) => status === 200)
  t.equal(back.status, 200, 'ready again once Redis is back')
})
