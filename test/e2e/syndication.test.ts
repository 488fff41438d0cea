import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { registerMember, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'

t.test('the same wire story from another site says it was also posted as the first thread', async (t) => {
  const editorial = (await readFile(join(PAGES_DIR, 'editorial.html'), 'utf8'))
    // Two sites, each its own URL: only the text can tell they are the same story.
    .replace(/<link rel="canonical"[^>]*>/g, '')
    .replace(/<meta property="og:url"[^>]*>/g, '')
  const copy = editorial
    .replaceAll('The city can’t keep patching its bridges', 'Patching bridges is no plan, says the Ledger')
    .replaceAll('The Riverside Ledger', 'Valley Morning Post')
  const unrelated = (await readFile(join(PAGES_DIR, 'paywalled.html'), 'utf8')).replace('"isAccessibleForFree":"False",', '')
  const fixtures = await startFixtureServer(t, {
    '/ledger/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(editorial),
    '/valley-post/wire-copy': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(copy),
    '/other/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(unrelated),
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const post = async (path: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/threads', headers: member.auth, payload: { url: fixtures.url(path), forum: 'editorials' } })
    t.equal(res.statusCode, 202, `${path} is a new link`)
    return waitForDigest(app, res.json().thread.id)
  }
  const first = await post('/ledger/story')
  const second = await post('/valley-post/wire-copy')
  const third = await post('/other/story')
  t.equal(second.title, 'Patching bridges is no plan, says the Ledger')
  t.match(second.alsoPostedAs, { id: first.id, title: 'The city can’t keep patching its bridges' })
  t.equal(second.earlierCopy, null, 'not the same link')
  t.equal(first.alsoPostedAs, null, 'the first thread has nothing earlier')
  t.equal(third.alsoPostedAs, null, 'a different story is not a copy')
  const page = await app.inject({ method: 'GET', url: `/threads/${second.id}` })
  t.match(page.body, `The same story was also posted as <a href="/threads/${first.id}">`)
})
