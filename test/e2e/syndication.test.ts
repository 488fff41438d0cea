import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'

t.test('the same wire story from another site says it was also posted as the first thread', async (t) => {
  const editorial = (await readFile(join(PAGES_DIR, 'editorial.html'), 'utf8'))
    // Two sites, each its own URL: only the text can tell they are the same story.
    .replace(/<link rel="canonical"[^>]*>/g, '')
    .replace(/<meta property="og:url"[^>]*>/g, '')
  const copy = editorial
    .replaceAll('The city can’t keep patching its bridges', 'Patching bridges is no plan, says the Ledger')
    .replaceAll('The Riverside Ledger', 'Valley Morning Post')
  // A long article on another subject: it gets a fingerprint too, far from the first one's.
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) =>
      `<p>The orchestra's ${i + 1}th concert of the season drew a full house on Saturday, as the new conductor led a programme of Brahms and Dvořák that critics praised for its warmth, its patience with slow movements and the clarity of the strings in the hall's difficult acoustics.</p>`,
  ).join('\n')
  const unrelated = `<!doctype html><html lang="en"><head><title>A season opens to a full house</title></head><body><article><h1>A season opens to a full house</h1>${paragraphs}</article></body></html>`
  const fixtures = await startFixtureServer(t, {
    '/ledger/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(editorial),
    '/valley-post/wire-copy': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(copy),
    '/other/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(unrelated),
  })
  const { app, pool, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const post = async (path: string) => {
    const res = await postLink(app, member.auth, { url: fixtures.url(path), forum: 'editorials' })
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
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM threads WHERE text_hash IS NOT NULL')
  t.equal(rows[0].n, 3, 'all three articles were long enough to be fingerprinted and compared')
  t.equal(third.alsoPostedAs, null, 'a different story is not a copy')
  const page = await threadPage(app, Number(second.id))
  t.match(
    page.body,
    `The same story was also posted as <a href="/threads/${String(first.id)}-the-city-cant-keep-patching-its-bridges">`,
  )
})
