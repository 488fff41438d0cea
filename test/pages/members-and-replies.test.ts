import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, registerMember } from '../helpers/factories.js'

t.test("a member's page shows their post count and the links they posted", async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await app.inject({
    method: 'POST',
    url: '/api/threads',
    headers: member.auth,
    payload: { url: 'https://example.com/story', forum: 'economy' },
  })
  await pool.query(`UPDATE threads SET status = 'ready', title = 'Prices <rise> again' WHERE id = $1`, [
    posted.json().thread.id,
  ])

  const page = await app.inject({ method: 'GET', url: `/members/${member.user.username.toUpperCase()}` })
  t.equal(page.statusCode, 200, 'names are matched without regard to case')
  t.match(page.body, `<h1>${member.user.username}</h1>`)
  t.match(page.body, '1 post · member since')
  t.match(page.body, `<a class="title" href="/threads/${posted.json().thread.id}">Prices &lt;rise&gt; again</a>`)
  t.match(page.body, '<a href="/forums/economy">Economy</a>')

  const missing = await app.inject({ method: 'GET', url: '/members/nobody-by-that-name' })
  t.equal(missing.statusCode, 404)
  t.match(missing.body, 'There is no member called &quot;nobody-by-that-name&quot;.')
})

t.test('answering a reply: the form knows which, and the answer says so', async (t) => {
  const { app } = await buildTestApp(t)
  const first = await registerMember(app)
  const second = await registerMember(app)
  const posted = await app.inject({
    method: 'POST',
    url: '/api/threads',
    headers: first.auth,
    payload: { url: 'https://example.com/talk', forum: 'the-lounge' },
  })
  const id = posted.json().thread.id as number
  const r1 = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: first.auth,
    payload: { body: 'First thoughts.' },
  })
  const cookie = await browserSession(app, second.user.username, second.password)

  const page = await app.inject({
    method: 'GET',
    url: `/threads/${id}?replyTo=${r1.json().reply.id}`,
    headers: { cookie },
  })
  t.match(page.body, `<input type="hidden" name="parentId" value="${r1.json().reply.id}">`)
  t.match(page.body, `Replying to <a href="#reply-${r1.json().reply.id}">${first.user.username}</a>`)
  const ignored = await app.inject({ method: 'GET', url: `/threads/${id}?replyTo=999999`, headers: { cookie } })
  t.notMatch(ignored.body, 'name="parentId"', 'an id not in this thread is ignored')

  const answer = await app.inject({
    url: `/threads/${id}/replies`,
    ...formPost({ body: 'I agree.', parentId: String(r1.json().reply.id) }, { cookie }),
  })
  t.equal(answer.statusCode, 303)
  const after = await app.inject({ method: 'GET', url: `/threads/${id}` })
  t.match(after.body, `In reply to <a href="#reply-${r1.json().reply.id}">${first.user.username}</a>`)
  const replies = (await app.inject({ method: 'GET', url: `/api/threads/${id}/replies` })).json().replies
  t.equal(replies[1].parentId, r1.json().reply.id)

  const bad = await app.inject({
    url: `/threads/${id}/replies`,
    ...formPost({ body: 'Kept text', parentId: 'x' }, { cookie }),
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'Kept text</textarea>')
})
