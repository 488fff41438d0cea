import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'
import { asSent } from '../helpers/as-sent.js'

const ORIGINAL_TITLE = 'The city can’t keep patching its bridges'

/** A thread digested from a page whose HTML the test can change afterwards (`source.html`). */
async function digestChangingSource(t: Test, html: string) {
  const source = { html }
  const fixtures = await startFixtureServer(t, {
    '/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(source.html),
  })
  const { app, pool, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const res = await postLink(app, member.auth, { url: fixtures.url('/story'), forum: 'editorials' })
  const id = res.json().thread.id as number
  await waitForDigest(app, id)
  return { source, app, pool, startWorker, id, member }
}

t.test('a re-fetch finds a new headline and update time; the old headline is kept', async (t) => {
  const original = await readFile(join(PAGES_DIR, 'editorial.html'), 'utf8')
  const { source, app, pool, startWorker, id } = await digestChangingSource(t, original)
  const { rows: scheduled } = await pool.query(
    `SELECT refresh_round, round(extract(epoch FROM next_refresh_at - fetched_at))::int AS after FROM threads WHERE id = $1`,
    [id],
  )
  t.same(scheduled[0], { refresh_round: 0, after: 3600 }, 'the first re-fetch is due an hour after the digest')

  source.html = original
    .replaceAll(ORIGINAL_TITLE, 'The city must stop patching its bridges')
    .replaceAll('2016-04-07T05:42:00-04:00', '2016-04-08T10:15:00-04:00')
  // Make the re-fetch due now, and let a worker's sweep find it.
  await pool.query(`UPDATE threads SET next_refresh_at = now() WHERE id = $1`, [id])
  await startWorker()
  const deadline = Date.now() + 30_000
  let thread
  do {
    await new Promise((resolve) => setTimeout(resolve, 100))
    thread = (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread
  } while (!thread.sourceUpdatedAt && Date.now() < deadline)

  t.equal(thread.title, 'The city must stop patching its bridges')
  t.equal(thread.modifiedTime, '2016-04-08T14:15:00.000Z')
  t.match(thread.history, [{ title: ORIGINAL_TITLE, modifiedTime: '2016-04-07T09:42:00.000Z' }])
  const page = await threadPage(app, id)
  t.match(page.body, 'Source updated')
  t.match(page.body, asSent('Earlier headline: “<bdi>The city can’t keep patching its bridges</bdi>”'))
  t.match(page.body, 'Updated on <time data-style="dateline" datetime="2016-04-08T14:15:00.000Z">')
  const { rows } = await pool.query(
    `SELECT refresh_round, round(extract(epoch FROM next_refresh_at - fetched_at))::int AS after FROM threads WHERE id = $1`,
    [id],
  )
  t.same(rows[0], { refresh_round: 1, after: 6 * 3600 }, 'the next re-fetch is six hours after the digest')
})

t.test('an unchanged source, or one edited by hand, keeps its headline', async (t) => {
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'), 'utf8')
  const { source, app, pool, startWorker, id, member } = await digestChangingSource(t, editorial)

  await pool.query(`UPDATE threads SET next_refresh_at = now() WHERE id = $1`, [id])
  await startWorker()
  const roundDone = async (round: number) => {
    const deadline = Date.now() + 30_000
    for (;;) {
      const { rows } = await pool.query('SELECT refresh_round FROM threads WHERE id = $1', [id])
      if (rows[0].refresh_round >= round || Date.now() > deadline) return rows[0].refresh_round
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  t.equal(await roundDone(1), 1)
  let thread = (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread
  t.equal(thread.sourceUpdatedAt, null, 'nothing changed at the source')
  t.same(thread.history, [])

  await app.inject({
    method: 'PATCH',
    url: `/api/threads/${id}`,
    headers: member.auth,
    payload: { title: 'Headline chosen by the poster', excerpt: ['A paragraph.'] },
  })
  source.html = editorial.replaceAll(ORIGINAL_TITLE, 'A newer headline from the source')
  await pool.query(`UPDATE threads SET next_refresh_at = now() WHERE id = $1`, [id])
  await startWorker()
  t.equal(await roundDone(2), 2)
  thread = (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread
  t.equal(thread.title, 'Headline chosen by the poster', 'a hand-made headline is not overwritten')
})
