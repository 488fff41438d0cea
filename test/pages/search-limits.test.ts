import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, registerMember } from '../helpers/factories.js'

const page = (app: FastifyInstance, query: Record<string, string>, address: string, cookie?: string) =>
  app.inject({
    url: `/search?${new URLSearchParams(query)}`,
    remoteAddress: address,
    headers: cookie ? { cookie } : {},
  })

t.test('the search page over the limit says so, with the search as it was typed', async (t) => {
  const { app } = await buildTestApp(t, {
    env: { RATE_VISITOR_SEARCHES_PER_MINUTE: '2', RATE_SEARCHES_PER_MINUTE: '2' },
  })
  const reader = '198.51.100.7'
  t.equal((await page(app, { q: 'budget -zz1' }, reader)).statusCode, 200)
  // The page and the API count together: both reach the same database.
  const api = await app.inject({ url: '/api/search?q=budget+-zz2', remoteAddress: reader })
  t.equal(api.statusCode, 200)

  const typed = 'budget "flood levy" -zz3 <b>'
  const refused = await page(app, { q: typed, type: 'threads', from: '2024-01-01' }, reader)
  t.equal(refused.statusCode, 429)
  t.match(refused.headers['content-type'], /text\/html/)
  t.equal(refused.headers['cache-control'], 'no-store', 'the refusal is never kept')
  const wait = Number(refused.headers['retry-after'])
  t.ok(wait > 0 && wait <= 60, `Retry-After within the minute (${wait} s)`)
  t.match(
    refused.body,
    /<p class="error" role="alert">Too many searches from your address; try again in \d+ seconds, or log in\.<\/p>/,
  )
  t.match(refused.body, 'value="budget &quot;flood levy&quot; -zz3 &lt;b&gt;"', 'the words typed stay in the box')
  t.match(refused.body, '<option value="threads" selected>', 'and the other fields too')
  t.match(refused.body, 'name="from" value="2024-01-01"')
  t.notMatch(refused.body, 'class="search-results"')

  const kept = await page(app, { q: 'budget -zz1' }, reader)
  t.equal(kept.statusCode, 200, 'a search already kept is still answered')
  t.notMatch(kept.body, 'class="error"')

  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const mine = await page(app, { q: 'budget -zz4' }, reader, cookie)
  t.equal(mine.statusCode, 200, 'a member at that address is counted as themselves')
  await page(app, { q: 'budget -zz5' }, reader, cookie)
  const theirs = await page(app, { q: 'budget -zz6' }, reader, cookie)
  t.equal(theirs.statusCode, 429)
  t.match(theirs.body, /You have reached the limit of 2 searches a minute; try again in \d+ seconds\./)
  t.match(theirs.body, 'value="budget -zz6"')
})
