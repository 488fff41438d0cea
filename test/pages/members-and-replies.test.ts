import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, readyThread, registerMember, threadPage } from '../helpers/factories.js'

t.test("a member's page shows their post count and the links they posted", async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const link = { url: 'https://example.com/story', forum: 'economy' }
  const id = await readyThread({ app, pool }, member.auth, link, 'Prices <rise> again')

  const page = await app.inject({ method: 'GET', url: `/members/${member.user.username.toUpperCase()}` })
  t.equal(page.statusCode, 200, 'names are matched without regard to case')
  t.match(page.body, `<h1>${member.user.username}</h1>`)
  t.match(page.body, '1 post &#183; 0 recs given &#183; member since')
  t.match(
    page.body,
    `<a class="title" href="/threads/${id}-prices-rise-again"><bdi>Prices &lt;rise&gt; again</bdi></a>`,
  )
  t.match(page.body, '<a href="/forums/economy">Economy</a>')

  const missing = await app.inject({ method: 'GET', url: '/members/nobody-by-that-name' })
  t.equal(missing.statusCode, 404)
  t.match(missing.body, 'There is no member called &quot;nobody-by-that-name&quot;.')
})

t.test('answering a reply: the form knows which, and the answer says so', async (t) => {
  const { app } = await buildTestApp(t)
  const first = await registerMember(app)
  const second = await registerMember(app)
  const posted = await postLink(app, first.auth, { url: 'https://example.com/talk', forum: 'the-lounge' })
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
  const ignored = await threadPage(app, id, { cookie }, '?replyTo=999999')
  t.notMatch(ignored.body, 'name="parentId"', 'an id not in this thread is ignored')

  const answer = await app.inject({
    url: `/threads/${id}/replies`,
    ...formPost({ body: 'I agree.', parentId: String(r1.json().reply.id) }, { cookie }),
  })
  t.equal(answer.statusCode, 303)
  t.match(answer.headers.location, new RegExp(`^/threads/${id}#reply-\\d+$`))
  const after = await threadPage(app, id)
  const parent = after.body.indexOf(`id="reply-${r1.json().reply.id}"`)
  const answers = after.body.indexOf('<div class="answers">', parent)
  t.ok(parent > 0 && answers > parent, 'the answer nests under the reply it answers')
  t.ok(after.body.indexOf('I agree.') > answers, 'inside its answers')
  t.notMatch(after.body, 'In reply to', 'a nested answer needs no "in reply to"')
  const replies = (await app.inject({ method: 'GET', url: `/api/threads/${id}/replies` })).json().replies
  t.equal(replies[1].parentId, r1.json().reply.id)

  const bad = await app.inject({
    url: `/threads/${id}/replies`,
    ...formPost({ body: 'Kept text', parentId: 'x' }, { cookie }),
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'Kept text</textarea>')
})

t.test('a member with only replies sees them on their page; Members leads to the member list', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const replier = await registerMember(app)
  const story = { url: 'https://example.com/replied-to', forum: 'economy' }
  const id = await readyThread({ app, pool }, poster.auth, story, 'A story worth <answering>')
  const replies = []
  for (const body of ['First answer.', 'Second answer,\nwith a <b>line</b> more.']) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: replier.auth,
      payload: { body },
    })
    replies.push(res.json().reply.id as number)
  }

  const page = await app.inject({ method: 'GET', url: `/members/${replier.user.username}` })
  t.match(page.body, '2 posts &#183; 0 recs given &#183; member since')
  t.match(page.body, 'No links posted yet.')
  t.notMatch(page.body, 'No discussions yet.')
  t.match(page.body, `<a class="title" href="/replies/${replies[1]}"><bdi>A story worth &lt;answering&gt;</bdi></a>`)
  const link = await app.inject({ method: 'GET', url: `/replies/${replies[1]}` })
  t.equal(link.statusCode, 303, "a reply's own address leads to it in its thread")
  t.equal(link.headers.location, `/threads/${id}-a-story-worth-answering#reply-${replies[1]}`)
  t.equal((await app.inject({ method: 'GET', url: '/replies/999999999' })).statusCode, 404)
  t.match(page.body, 'Second answer, with a &lt;b&gt;line&lt;/b&gt; more.')
  t.ok(page.body.indexOf('Second answer') < page.body.indexOf('First answer.'), 'newest reply first')
  t.match(page.body, '<a href="/members">Members</a>', 'the breadcrumb leads to the member list')

  const list = await app.inject({ method: 'GET', url: '/members' })
  t.equal(list.statusCode, 200)
  t.match(list.body, '<h1>Members</h1>')
  const newest = list.body.indexOf(`>${replier.user.username}</a>`)
  const older = list.body.indexOf(`>${poster.user.username}</a>`)
  t.ok(newest > 0 && older > newest, 'newest members first')
  t.match(list.body, new RegExp(`>${replier.user.username}</a> <span class="muted">&#183; 2 posts &#183; joined`))
  t.match(list.body, new RegExp(`>${poster.user.username}</a> <span class="muted">&#183; 1 post &#183; joined`))
})

t.test('the member list pages', async (t) => {
  const { app, pool } = await buildTestApp(t)
  await pool.query(
    `INSERT INTO users (username, password_hash) SELECT 'bulk_' || i, 'x' FROM generate_series(1, 51) AS i`,
  )
  const first = await app.inject({ method: 'GET', url: '/members' })
  t.match(first.body, '>bulk_51</a>')
  t.notMatch(first.body, '>bulk_1</a>')
  t.match(first.body, '<a rel="next" href="/members?page=2">')
  const second = await app.inject({ method: 'GET', url: '/members?page=2' })
  t.match(second.body, '>bulk_1</a>')
  t.match(second.body, 'Page 2 of 2')
})
