import t from 'tap'
import { setRole } from '../../src/db/users.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

t.test('the poster tries a failed digest again once the source is back', async (t) => {
  let online = false
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  const fixtures = await startFixtureServer(t, {
    '/flaky-source': (_req, res) =>
      online
        ? res.writeHead(200, { 'content-type': 'text/html' }).end(editorial)
        : res.writeHead(404, { 'content-type': 'text/html' }).end('gone'),
  })
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const poster = await registerMember(app)
  const other = await registerMember(app)
  const posted = await postLink(app, poster.auth, { url: fixtures.url('/flaky-source'), forum: 'editorials' })
  const id = posted.json().thread.id
  t.equal((await waitForDigest(app, id)).status, 'failed')

  const stranger = await app.inject({ method: 'POST', url: `/api/threads/${id}/retry`, headers: other.auth })
  t.equal(stranger.statusCode, 403)
  t.equal(stranger.json().error, 'not_yours')

  online = true
  const retry = await app.inject({ method: 'POST', url: `/api/threads/${id}/retry`, headers: poster.auth })
  t.equal(retry.statusCode, 202)
  t.equal(retry.json().thread.status, 'pending')
  const ready = await waitForDigest(app, id)
  t.match(ready, { status: 'ready', title: 'The city can’t keep patching its bridges' })
  t.equal(fixtures.hits('/flaky-source'), 2)

  const again = await app.inject({ method: 'POST', url: `/api/threads/${id}/retry`, headers: poster.auth })
  t.equal(again.statusCode, 409)
  t.equal(again.json().error, 'not_failed')
})

t.test('poster and moderators correct a digest by hand; others may not', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const other = await registerMember(app)
  const moderator = await registerMember(app)
  await setRole(pool, moderator.user.username, 'moderator')
  const posted = await postLink(app, poster.auth, { url: 'https://example.com/paywalled', forum: 'editorials' })
  const id = posted.json().thread.id
  const edit = { title: '  A headline   typed by hand ', excerpt: ['First paragraph.', '  ', 'Second   paragraph.'] }

  const tooEarly = await app.inject({ method: 'PATCH', url: `/api/threads/${id}`, headers: poster.auth, payload: edit })
  t.equal(tooEarly.statusCode, 409, 'not while the digest is being made')
  await pool.query(
    `UPDATE threads SET status = 'failed', error_reason = 'refused', error_message = 'The site refused to give us the page (HTTP 403).' WHERE id = $1`,
    [id],
  )

  const bad = [
    [{ title: 'ab', excerpt: ['x'] }, 'invalid_title'],
    [{ title: 'A fine headline', excerpt: ['   '] }, 'empty_excerpt'],
    // The schema holds the same limit as the service, so the count is refused before the service sees it.
    [{ title: 'A fine headline', excerpt: Array(21).fill('p') }, 'invalid_request'],
    [{ title: 'x'.repeat(201), excerpt: ['p'] }, 'invalid_request'],
    [{ title: 'A fine headline' }, 'invalid_request'],
  ] as const
  for (const [payload, error] of bad) {
    const res = await app.inject({ method: 'PATCH', url: `/api/threads/${id}`, headers: poster.auth, payload })
    t.equal(res.statusCode, 400, error)
    t.equal(res.json().error, error)
  }
  const stranger = await app.inject({ method: 'PATCH', url: `/api/threads/${id}`, headers: other.auth, payload: edit })
  t.equal(stranger.statusCode, 403)
  const unchanged = (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread
  t.match(unchanged, { status: 'failed', title: null, excerpt: [] }, 'nothing was half-written')

  const own = await app.inject({ method: 'PATCH', url: `/api/threads/${id}`, headers: poster.auth, payload: edit })
  t.equal(own.statusCode, 200)
  t.match(own.json().thread, {
    status: 'ready',
    title: 'A headline typed by hand',
    excerpt: ['First paragraph.', 'Second paragraph.'],
    editedBy: poster.user.username,
  })
  t.notOk('error' in own.json().thread)

  const mod = await app.inject({
    method: 'PATCH',
    url: `/api/threads/${id}`,
    headers: moderator.auth,
    payload: { title: 'Moderated headline', excerpt: ['Only paragraph.'] },
  })
  t.equal(mod.statusCode, 200)
  t.equal(mod.json().thread.editedBy, moderator.user.username)
  const page = await threadPage(app, id)
  t.match(page.body, `Digest edited by ${moderator.user.username}`)
})

t.test('the edit form re-shows mistakes with what was typed', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const other = await registerMember(app)
  const posted = await postLink(app, poster.auth, { url: 'https://example.com/needs-fixing', forum: 'editorials' })
  const id = posted.json().thread.id
  await pool.query(
    `UPDATE threads SET status = 'failed', error_reason = 'not_article', error_message = 'The page has no article text we could quote.' WHERE id = $1`,
    [id],
  )
  const cookie = await browserSession(app, poster.user.username, poster.password)

  const page = await threadPage(app, id, { cookie })
  t.match(page.body, 'Write the digest by hand')
  t.match(page.body, 'Try fetching again')
  const strangerCookie = await browserSession(app, other.user.username, other.password)
  const strangerPage = await threadPage(app, id, { cookie: strangerCookie })
  t.notMatch(strangerPage.body, 'Write the digest by hand')
  const strangerForm = await app.inject({
    method: 'GET',
    url: `/threads/${id}/edit`,
    headers: { cookie: strangerCookie },
  })
  t.equal(strangerForm.statusCode, 403)

  const bad = await app.inject({
    url: `/threads/${id}/edit`,
    ...formPost({ title: 'x', excerpt: 'My <b>first</b> paragraph.' }, { cookie }),
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'Headlines are 3 to 200 characters long.')
  t.match(bad.body, 'My &lt;b&gt;first&lt;/b&gt; paragraph.</textarea>')

  const tooMany = await app.inject({
    url: `/threads/${id}/edit`,
    ...formPost({ title: 'A fine headline', excerpt: Array(21).fill('A paragraph.').join('\r\n\r\n') }, { cookie }),
  })
  t.equal(tooMany.statusCode, 400)
  t.match(tooMany.body, 'Quote at most 20 paragraphs')
  t.match(tooMany.body, 'value="A fine headline"')
  t.match(bad.body, 'maxlength="200"', 'the headline field carries the same limit as the service')

  const good = await app.inject({
    url: `/threads/${id}/edit`,
    ...formPost({ title: 'Fixed by hand', excerpt: 'One.\r\n\r\nTwo.' }, { cookie }),
  })
  t.equal(good.statusCode, 303)
  const thread = (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread
  t.match(thread, { status: 'ready', title: 'Fixed by hand', excerpt: ['One.', 'Two.'] })
})
