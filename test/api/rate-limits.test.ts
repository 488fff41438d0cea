import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { createLogger } from '../../src/logger.js'
import { openRateStore } from '../../src/abuse/rate-store.js'
import { RateLimiter } from '../../src/abuse/rate-limiter.js'
import { buildTestApp, queueKinds, type Teardown, type TestApp } from '../helpers/build-app.js'
import { deleteExpiredCounters } from '../../src/db/rate-counters.js'
import { postLink, registerMember, uniqueName } from '../helpers/factories.js'

/** A second web process on the same database and Redis: what it counts, the first one sees. */
async function secondProcess(t: Teardown, first: TestApp): Promise<FastifyInstance> {
  const app = await buildApp(first.config, createLogger('silent', 'test'))
  // Before the first app's teardown drops the schema.
  t.teardown(() => app.close())
  return app
}

const count = async (first: TestApp, table: string) =>
  (await first.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n

for (const store of queueKinds()) {
  t.test(`${store} store: limits hold across two web processes`, async (t) => {
    const first = await buildTestApp(t, {
      queue: store,
      env: { RATE_LINKS_PER_HOUR: '2', RATE_REPLIES_PER_HOUR: '2', RATE_RECS_PER_HOUR: '1' },
    })
    const second = await secondProcess(t, first)
    const member = await registerMember(first.app)

    const posts = [
      await postLink(first.app, member.auth, { url: 'http://127.0.0.1:9/story-1', forum: 'the-lounge' }),
      await postLink(second, member.auth, { url: 'http://127.0.0.1:9/story-2', forum: 'the-lounge' }),
      await postLink(first.app, member.auth, { url: 'http://127.0.0.1:9/story-3', forum: 'the-lounge' }),
    ]
    t.same(
      posts.map((r) => r.statusCode),
      [202, 202, 429],
    )
    const refused = posts[2]!
    t.same(Object.keys(refused.json()).sort(), ['error', 'message'])
    t.equal(refused.json().error, 'rate_limited')
    t.match(refused.json().message, /^You have reached the limit of 2 links an hour; try again in \d+ minutes\.$/)
    const wait = Number(refused.headers['retry-after'])
    t.ok(wait > 3500 && wait <= 3600, `Retry-After is the rest of the hour (${wait} s)`)
    t.equal(await count(first, 'threads'), 2, 'the refused link made no thread')

    const threadId = posts[0]!.json().thread.id as number
    const reply = (app: FastifyInstance, body: string) =>
      app.inject({ method: 'POST', url: `/api/threads/${threadId}/replies`, headers: member.auth, payload: { body } })
    const replies = [await reply(second, 'One.'), await reply(first.app, 'Two.'), await reply(second, 'Three.')]
    t.same(
      replies.map((r) => r.statusCode),
      [201, 201, 429],
    )
    t.equal(replies[2]!.json().error, 'rate_limited')
    t.ok(Number(replies[2]!.headers['retry-after']) > 0)
    t.equal(await count(first, 'replies'), 2)

    const reader = await registerMember(second)
    const rec = (app: FastifyInstance, method: 'PUT' | 'DELETE') =>
      app.inject({ method, url: `/api/threads/${threadId}/rec`, headers: reader.auth })
    const recs = [await rec(first.app, 'PUT'), await rec(second, 'DELETE')]
    t.same(
      recs.map((r) => r.statusCode),
      [200, 429],
    )
    t.equal(await count(first, 'recs'), 1, 'the rec refused to be taken back is still there')
  })

  t.test(`${store} store: an address is limited however many members share it`, async (t) => {
    const first = await buildTestApp(t, {
      queue: store,
      env: { RATE_LINKS_PER_HOUR: '2', RATE_ADDRESS_MEMBERS: '1', AUTH_ATTEMPTS_PER_MINUTE: '2' },
    })
    const second = await secondProcess(t, first)
    const [a, b] = [await registerMember(first.app), await registerMember(second)]
    const statuses = [
      (await postLink(first.app, a.auth, { url: 'http://127.0.0.1:9/a-1', forum: 'the-lounge' })).statusCode,
      (await postLink(second, b.auth, { url: 'http://127.0.0.1:9/b-1', forum: 'the-lounge' })).statusCode,
    ]
    const third = await postLink(second, b.auth, { url: 'http://127.0.0.1:9/b-2', forum: 'the-lounge' })
    t.same(statuses, [202, 202])
    t.equal(third.statusCode, 429)
    t.match(third.json().message, /^Too many links from your address; try again in /)

    // Log-ins: two a minute from one address, counted by both processes together.
    const login = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/api/login', payload: { username: a.user.username, password: a.password } })
    const logins = [await login(first.app), await login(second), await login(first.app)]
    t.same(
      logins.map((r) => r.statusCode),
      [200, 200, 429],
    )
    t.match(logins[2]!.json().message, /^Too many log-in attempts from your address; try again in \d+ seconds\.$/)
    const wait = Number(logins[2]!.headers['retry-after'])
    t.ok(wait > 0 && wait <= 60, `Retry-After within the minute (${wait} s)`)
  })

  t.test(`${store} store: registrations per address and hour`, async (t) => {
    const first = await buildTestApp(t, { queue: store, env: { REGISTRATIONS_PER_HOUR: '2' } })
    const second = await secondProcess(t, first)
    const register = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/register',
        payload: { username: uniqueName(), password: 'long enough pw' },
      })
    const answers = [await register(first.app), await register(second), await register(first.app)]
    t.same(
      answers.map((r) => r.statusCode),
      [201, 201, 429],
    )
    t.match(answers[2]!.json().message, /^Too many registrations from your address; try again in \d+ minutes\.$/)
    t.equal(await count(first, 'users'), 2)
  })

  t.test(`${store} store: a window starts afresh once it is over`, async (t) => {
    const { config, pool } = await buildTestApp(t, { queue: store })
    const rates = openRateStore({ redisUrl: config.redisUrl, prefix: config.queuePrefix, pool })
    t.teardown(() => rates.close())
    const key = `test:${uniqueName()}`
    t.equal((await rates.hit(key, 300)).hits, 1)
    const second = await rates.hit(key, 300)
    t.equal(second.hits, 2)
    t.ok(second.resetMs > 0 && second.resetMs <= 300, `the window's rest (${second.resetMs} ms)`)
    await new Promise((resolve) => setTimeout(resolve, 400))
    t.equal((await rates.hit(key, 300)).hits, 1, 'counted from one again')
    if (store === 'postgres') {
      await new Promise((resolve) => setTimeout(resolve, 400))
      t.equal(await deleteExpiredCounters(pool), 1, 'a counter whose window is over is deleted')
      t.equal((await pool.query('SELECT count(*)::int AS n FROM rate_counters')).rows[0].n, 0)
    }
  })
}

t.test('a Redis that does not answer lets members through rather than refusing them', async (t) => {
  const { config, pool } = await buildTestApp(t, { queue: 'postgres', env: { RATE_LINKS_PER_HOUR: '1' } })
  const rates = openRateStore({ redisUrl: 'redis://127.0.0.1:1', prefix: config.queuePrefix, pool })
  t.teardown(() => rates.close())
  const failures: unknown[] = []
  const limiter = new RateLimiter(rates, config, (err) => failures.push(err))
  const actor = { member: { id: 1, createdAt: new Date(0) }, address: '203.0.113.5' }
  const started = Date.now()
  await limiter.check('link', actor)
  await limiter.check('link', actor)
  t.pass('not counted, so not refused')
  t.ok(Date.now() - started < 5000, `answered without waiting for Redis (${Date.now() - started} ms)`)
  t.equal(failures.length, 4, 'each count that failed is reported, for the log')
})
