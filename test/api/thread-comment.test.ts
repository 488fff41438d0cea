import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage } from '../helpers/factories.js'

t.test(
  "only the poster changes their thread's words; the page marks the edit, moderators keep the old text",
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const alice = await registerMember(app)
    const bob = await registerMember(app)
    const posted = await postLink(app, alice.auth, {
      url: 'https://example.com/words',
      forum: 'the-lounge',
      comment: 'First thoughts.',
    })
    const id = posted.json().thread.id as number
    t.equal(posted.json().thread.commentEditedAt, null, 'not edited yet')

    const other = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${id}/comment`,
      headers: bob.auth,
      payload: { comment: 'Hijacked.' },
    })
    t.equal(other.statusCode, 403, 'another member may not')
    t.same(other.json(), {
      error: 'not_yours',
      message: 'Only the member who posted this link can change the words posted with it.',
    })
    const anonymous = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${id}/comment`,
      payload: { comment: 'Hijacked.' },
    })
    t.equal(anonymous.statusCode, 401)
    const bobCookie = await browserSession(app, bob.user.username, bob.password)
    const otherForm = await app.inject({ url: `/threads/${id}/comment`, headers: { cookie: bobCookie } })
    t.equal(otherForm.statusCode, 403, 'another member gets no form')
    const otherPost = await app.inject({
      url: `/threads/${id}/comment`,
      ...formPost({ comment: 'Hijacked.' }, { cookie: bobCookie }),
    })
    t.equal(otherPost.statusCode, 403, 'nor may post one')
    const unchanged = await app.inject({ url: `/api/threads/${id}` })
    t.equal(unchanged.json().thread.comment, 'First thoughts.', 'nothing changed')
    t.equal(unchanged.json().thread.commentEditedAt, null)
    t.equal((await pool.query('SELECT count(*)::int AS n FROM comment_revisions')).rows[0].n, 0)

    const extra = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${id}/comment`,
      headers: alice.auth,
      payload: { comment: 'x', title: 'y' },
    })
    t.equal(extra.statusCode, 400, 'unknown fields are refused')
    const missing = await app.inject({
      method: 'PATCH',
      url: '/api/threads/999999/comment',
      headers: alice.auth,
      payload: { comment: 'x' },
    })
    t.equal(missing.statusCode, 404)

    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${id}/comment`,
      headers: alice.auth,
      payload: { comment: 'Second thoughts.' },
    })
    t.equal(edited.statusCode, 200)
    t.equal(edited.json().thread.comment, 'Second thoughts.')
    t.ok(edited.json().thread.commentEditedAt, 'marked edited, with the time')
    const same = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${id}/comment`,
      headers: alice.auth,
      payload: { comment: ' Second thoughts. ' },
    })
    t.equal(same.json().thread.commentEditedAt, edited.json().thread.commentEditedAt, 'the same words are no edit')
    const kept = await pool.query('SELECT comment FROM comment_revisions WHERE thread_id = $1 ORDER BY id', [id])
    t.same(kept.rows, [{ comment: 'First thoughts.' }], 'the earlier text is kept for moderators')

    const page = await threadPage(app, id)
    t.match(page.body, 'Second thoughts.')
    t.notMatch(page.body, 'First thoughts.', 'readers see only the new words')
    t.match(page.body, /&#183; edited <time data-style="post" datetime="[^"]+">/, 'and that they were edited')
    t.notMatch(page.body, 'Edit your words', 'anonymous readers get no edit link')
    const bobPage = await threadPage(app, id, { cookie: bobCookie })
    t.notMatch(bobPage.body, 'Edit your words', 'nor does another member')

    // The page form, as the poster uses it: shown again with the message when refused.
    const aliceCookie = await browserSession(app, alice.user.username, alice.password)
    const alicePage = await threadPage(app, id, { cookie: aliceCookie })
    t.match(alicePage.body, `<a href="/threads/${id}/comment">Edit your words</a>`, 'the poster has the link')
    const form = await app.inject({ url: `/threads/${id}/comment`, headers: { cookie: aliceCookie } })
    t.equal(form.statusCode, 200)
    t.match(form.body, '>Second thoughts.</textarea>')
    const tooLong = 'x'.repeat(5001)
    const refused = await app.inject({
      url: `/threads/${id}/comment`,
      ...formPost({ comment: tooLong }, { cookie: aliceCookie }),
    })
    t.equal(refused.statusCode, 400)
    t.match(refused.body, 'role="alert"')
    t.match(refused.body, `>${tooLong}</textarea>`, 'what was typed is kept')
    const saved = await app.inject({
      url: `/threads/${id}/comment`,
      ...formPost({ comment: '' }, { cookie: aliceCookie }),
    })
    t.equal(saved.statusCode, 303)
    t.equal(saved.headers.location, `/threads/${id}#comment`)
    const removed = await app.inject({ url: `/api/threads/${id}` })
    t.equal(removed.json().thread.comment, null, 'an empty form removes the words')
    const all = await pool.query('SELECT comment FROM comment_revisions WHERE thread_id = $1 ORDER BY id', [id])
    t.same(all.rows, [{ comment: 'First thoughts.' }, { comment: 'Second thoughts.' }])
  },
)
