import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { buildTestApp } from '../helpers/build-app.js'
import { registerMember } from '../helpers/factories.js'

/** A search from `address`: a new `-zzN` (a word no text holds) makes one that no cache holds. */
const search = (app: FastifyInstance, q: string, address: string, headers: Record<string, string> = {}) =>
  app.inject({ url: `/api/search?${new URLSearchParams({ q })}`, remoteAddress: address, headers })

t.test('searches no cache holds are limited per address, or per member; kept ones are not', async (t) => {
  const { app } = await buildTestApp(t, {
    env: { RATE_VISITOR_SEARCHES_PER_MINUTE: '2', RATE_SEARCHES_PER_MINUTE: '3' },
  })
  const reader = '203.0.113.10'
  const first = [await search(app, 'officials -zz1', reader), await search(app, 'officials -zz2', reader)]
  t.same(
    first.map((r) => r.statusCode),
    [200, 200],
  )
  const refused = await search(app, 'officials -zz3', reader)
  t.equal(refused.statusCode, 429)
  t.same(Object.keys(refused.json()).sort(), ['error', 'message'])
  t.equal(refused.json().error, 'rate_limited')
  t.match(refused.json().message, /^Too many searches from your address; try again in \d+ seconds, or log in\.$/)
  const wait = Number(refused.headers['retry-after'])
  t.ok(wait > 0 && wait <= 60, `Retry-After within the minute (${wait} s)`)

  for (let i = 0; i < 3; i++) {
    const again = [await search(app, 'officials -zz1', reader), await search(app, 'officials -zz2', reader)]
    t.same(
      again.map((r) => r.statusCode),
      [200, 200],
      'a search already kept is answered however often it is asked',
    )
  }
  t.equal((await search(app, 'officials -zz4', '203.0.113.11')).statusCode, 200, 'another address is not limited')

  // An IPv6 subscriber has a whole /64: every address in it is one reader.
  const ipv6 = [
    await search(app, 'officials -zz5', '2001:db8:1:2::1'),
    await search(app, 'officials -zz6', '2001:db8:1:2::abcd'),
    await search(app, 'officials -zz7', '2001:db8:1:2:ffff::9'),
  ]
  t.same(
    ipv6.map((r) => r.statusCode),
    [200, 200, 429],
  )

  // A member at the address that used up its searches is counted as themselves, with more.
  const member = await registerMember(app)
  const theirs = []
  for (let i = 10; i < 14; i++) theirs.push(await search(app, `officials -zz${i}`, reader, member.auth))
  t.same(
    theirs.map((r) => r.statusCode),
    [200, 200, 200, 429],
  )
  t.match(theirs[3]!.json().message, /^You have reached the limit of 3 searches a minute; try again in \d+ seconds\.$/)
  t.ok(Number(theirs[3]!.headers['retry-after']) > 0)
  const other = await registerMember(app)
  t.equal((await search(app, 'officials -zz20', reader, other.auth)).statusCode, 200, 'another member is not limited')
})

t.test("a refusal is the refused reader's alone, though another asked for the same search", async (t) => {
  const { app } = await buildTestApp(t, { env: { RATE_VISITOR_SEARCHES_PER_MINUTE: '1' } })
  t.equal((await search(app, 'budget -zz1', '203.0.113.20')).statusCode, 200)
  // Asked at once, the second waits for the first's run rather than start its own.
  const [limited, other] = await Promise.all([
    search(app, 'budget -zz2', '203.0.113.20'),
    search(app, 'budget -zz2', '203.0.113.21'),
  ])
  t.equal(limited.statusCode, 429)
  t.equal(other.statusCode, 200, 'the other reader gets the results')
})

t.test('a web process runs few searches at once: the next wait their turn, briefly', async (t) => {
  const { app, pool } = await buildTestApp(t, { env: { SEARCH_CONCURRENCY: '1' } })
  // Searches read threads: while this holds the table, the one search allowed at a time cannot end.
  const lock = await pool.connect()
  // Closed rather than given back, so the lock goes with it however the test ends.
  t.teardown(() => lock.release(true))
  await lock.query('BEGIN')
  await lock.query('LOCK TABLE threads IN ACCESS EXCLUSIVE MODE')
  const running = search(app, 'levy -zz1', '203.0.113.30')
  await waitForLockWaiter(pool)

  const started = Date.now()
  const [busy, busyPage] = await Promise.all([
    search(app, 'levy -zz2', '203.0.113.31'),
    app.inject({ url: '/search?q=levy+-zz9', remoteAddress: '203.0.113.34' }),
  ])
  t.equal(busy.statusCode, 503)
  t.same(busy.json(), {
    error: 'busy',
    message: 'Too many searches are running just now; please try again in a few seconds.',
  })
  t.equal(busy.headers['retry-after'], '2')
  t.ok(Date.now() - started >= 1900, `it waited for a turn first (${Date.now() - started} ms)`)
  t.equal(busyPage.statusCode, 503)
  t.equal(busyPage.headers['retry-after'], '2')
  t.match(busyPage.body, '<p class="error" role="alert">Too many searches are running just now;')
  t.match(busyPage.body, 'value="levy -zz9"', 'the page keeps the words typed')
  t.equal((await search(app, 'levy', '203.0.113.32')).statusCode, 503, 'any search no cache holds')

  const waiting = search(app, 'levy -zz3', '203.0.113.33')
  await new Promise((resolve) => setTimeout(resolve, 300))
  await lock.query('COMMIT')
  t.equal((await running).statusCode, 200)
  t.equal((await waiting).statusCode, 200, 'a search that waited less than its limit runs once a slot is free')
})

/** Until a query waits for this app's threads table (the search that holds the one slot). */
async function waitForLockWaiter(pool: pg.Pool) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'threads'::regclass`,
    )
    if (rows[0]!.n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the search never reached the locked table')
}
