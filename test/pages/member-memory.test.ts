import t from 'tap'
import type pg from 'pg'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, readyThread, registerMember } from '../helpers/factories.js'
import { inlineStyleSources } from '../helpers/csp.js'

/** Counts the app's named queries by name, each still sent to Postgres as before. */
function countQueries(pool: pg.Pool): Map<string, number> {
  const asked = new Map<string, number>()
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown
  pool.query = ((...args: unknown[]) => {
    const name = (args[0] as { name?: string } | undefined)?.name
    if (name) asked.set(name, (asked.get(name) ?? 0) + 1)
    return query(...args)
  }) as typeof pool.query
  return asked
}

t.test("a member's requests at once share one look-up of their session and of their watch", async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const link = { url: 'https://example.com/together', forum: 'economy' }
  const id = await readyThread({ app, pool }, member.auth, link, 'Read together')
  const address = (await app.inject({ url: `/threads/${id}` })).headers.location as string
  const cookie = await browserSession(app, member.user.username, member.password)
  const asked = countQueries(app.pool)

  const pages = await Promise.all(Array.from({ length: 20 }, () => app.inject({ url: address, headers: { cookie } })))
  for (const page of pages) {
    t.equal(page.statusCode, 200)
    t.match(page.body, `>${member.user.username}</a>`, 'each names the member')
    t.match(page.body, 'You watch this thread', 'and knows they watch the thread they posted')
  }
  t.equal(asked.get('session-user'), 1, 'one look-up of the session for all twenty')
  t.equal(asked.get('watching'), 1, 'and one of the watch')

  for (const page of pages) {
    t.equal(page.body, pages[0]!.body, 'the page as kept for them')
    const sources = inlineStyleSources(page.body)
    t.ok(sources.length, 'with their own style')
    for (const source of sources)
      t.match(String(page.headers['content-security-policy']), source, 'which its policy names by its hash')
  }

  // Their own write drops what was kept: the next page shows it.
  const unwatched = await app.inject({ url: `/threads/${id}/unwatch`, ...formPost({}, { cookie }) })
  t.equal(unwatched.statusCode, 303)
  const after = await app.inject({ url: address, headers: { cookie } })
  t.match(after.body, '>Watch</button>', 'unwatched at once')
  t.equal(asked.get('session-user'), 2, 'the member was looked up again after their write')
})
