import t from 'tap'
import type { FastifyInstance } from 'fastify'
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
