import t from 'tap'
import { setRole } from '../../src/db/users.js'
import { EDITORIAL } from '../fixtures/expected.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

t.test('moderators set how much a forum quotes; digests follow', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, pool, startWorker } = await buildTestApp(t, { env: { DUPLICATE_WINDOW_DAYS: '0' } })
  await startWorker()
  const member = await registerMember(app)
  const moderator = await registerMember(app)
  await setRole(pool, moderator.user.username, 'moderator')
  const settings = { excerptParagraphs: 3, excerptMaxChars: 600 }

  const refused = await app.inject({
    method: 'PATCH',
    url: '/api/forums/books',
    headers: member.auth,
    payload: settings,
  })
  t.equal(refused.statusCode, 403)
  t.equal(refused.json().error, 'moderators_only')
  for (const bad of [
    { excerptParagraphs: 0, excerptMaxChars: null },
    { excerptParagraphs: null, excerptMaxChars: 50 },
  ]) {
    const res = await app.inject({ method: 'PATCH', url: '/api/forums/books', headers: moderator.auth, payload: bad })
    t.equal(res.statusCode, 400)
    t.equal(res.json().error, 'invalid_excerpt_setting')
  }
  const unknown = await app.inject({
    method: 'PATCH',
    url: '/api/forums/nope',
    headers: moderator.auth,
    payload: settings,
  })
  t.equal(unknown.statusCode, 404)

  const ok = await app.inject({ method: 'PATCH', url: '/api/forums/books', headers: moderator.auth, payload: settings })
  t.equal(ok.statusCode, 200)
  const forums = (await app.inject({ method: 'GET', url: '/api/forums' })).json().forums as { slug: string }[]
  t.match(
    forums.find((f) => f.slug === 'books'),
    settings,
  )
  t.match(
    forums.find((f) => f.slug === 'editorials'),
    { excerptParagraphs: null, excerptMaxChars: null },
  )

  const post = async (forum: string) => {
    const res = await postLink(app, member.auth, { url: fixtures.url('/editorial.html'), forum })
    return waitForDigest(app, res.json().thread.id)
  }
  const inBooks = await post('books')
  t.same(inBooks.excerpt, EDITORIAL.excerpt.slice(0, 2), 'three allowed, but the third would pass 600 characters')
  const inEditorials = await post('editorials')
  t.same(inEditorials.excerpt, EDITORIAL.excerpt, 'other forums keep the site default')
})

t.test('the settings form is for moderators only', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const moderator = await registerMember(app)
  await setRole(pool, moderator.user.username, 'moderator')
  const modCookie = await browserSession(app, moderator.user.username, moderator.password)
  const memberCookie = await browserSession(app, member.user.username, member.password)

  t.match(
    (await app.inject({ method: 'GET', url: '/forums/music', headers: { cookie: modCookie } })).body,
    'Forum settings (moderators)',
  )
  t.notMatch(
    (await app.inject({ method: 'GET', url: '/forums/music', headers: { cookie: memberCookie } })).body,
    'Forum settings',
  )

  const saved = await app.inject({
    url: '/forums/music/settings',
    ...formPost({ excerptParagraphs: '2', excerptMaxChars: '' }, { cookie: modCookie }),
  })
  t.equal(saved.statusCode, 303)
  const { rows } = await pool.query(`SELECT excerpt_paragraphs, excerpt_max_chars FROM forums WHERE slug = 'music'`)
  t.same(rows[0], { excerpt_paragraphs: 2, excerpt_max_chars: null })

  const bad = await app.inject({
    url: '/forums/music/settings',
    ...formPost({ excerptParagraphs: 'lots', excerptMaxChars: '' }, { cookie: modCookie }),
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'The number of paragraphs must be a whole number from 1 to 20')
  t.match(bad.body, '<details class="settings" id="settings" open>', 'the forum page again, its settings open')
  t.match(bad.body, 'name="excerptParagraphs" min="1" max="20" value="lots"', 'what was typed is kept')
  const notMod = await app.inject({
    url: '/forums/music/settings',
    ...formPost({ excerptParagraphs: '9', excerptMaxChars: '' }, { cookie: memberCookie }),
  })
  t.equal(notMod.statusCode, 403)
  const after = await pool.query(`SELECT excerpt_paragraphs FROM forums WHERE slug = 'music'`)
  t.equal(after.rows[0].excerpt_paragraphs, 2, 'refused changes store nothing')
})
