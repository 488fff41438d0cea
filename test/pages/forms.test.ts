import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, registerMember, uniqueName } from '../helpers/factories.js'

t.test('registering through the form signs the member in', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const username = uniqueName()
  const res = await app.inject({
    url: '/register',
    ...formPost({ username, password: 'a good password', next: '/forums/editorials' }),
  })
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, '/forums/editorials')
  const cookie = res.cookies.find((c) => c.name === 'broadsheet_session')
  t.ok(cookie?.httpOnly, 'session cookie is httpOnly')
  t.equal(cookie?.sameSite, 'Lax')
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie: `${cookie!.name}=${cookie!.value}` } })
  t.match(home.body, `>${username}</a>`)
  t.match(home.body, '(0 posts)')
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM users WHERE username = $1', [username])
  t.equal(rows[0].n, 1)
})

t.test('a bad form is shown again with the message and what was typed', async (t) => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ url: '/register', ...formPost({ username: 'x<b>', password: 'short' }) })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /text\/html/)
  t.match(res.body, 'Usernames are 3 to 24 letters')
  t.match(res.body, 'value="x&lt;b&gt;"', 'what was typed is kept, escaped')

  const member = await registerMember(app)
  const login = await app.inject({
    url: '/login',
    ...formPost({ username: member.user.username, password: 'wrong password' }),
  })
  t.equal(login.statusCode, 401)
  t.match(login.body, 'That username and password do not match.')
  t.match(login.body, `value="${member.user.username}"`)

  const offsite = await app.inject({
    url: '/login',
    ...formPost({ username: member.user.username, password: member.password, next: '//evil.example/' }),
  })
  t.equal(offsite.headers.location, '/', 'never redirects off the site after login')
})

t.test('posting a link through the form', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)

  const anonymous = await app.inject({ method: 'GET', url: '/forums/editorials/post' })
  t.equal(anonymous.statusCode, 303)
  t.equal(anonymous.headers.location, '/login?next=%2Fforums%2Feditorials%2Fpost')

  const page = await app.inject({ method: 'GET', url: '/forums/editorials/post', headers: { cookie } })
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Post a link to Editorials &amp; Other Articles')

  const bad = await app.inject({
    url: '/forums/editorials/post',
    ...formPost({ url: 'not a link', comment: 'my <i>note</i>' }, { cookie }),
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, '&quot;not a link&quot; is not a web address')
  t.match(bad.body, 'value="not a link"')
  t.match(bad.body, 'my &lt;i&gt;note&lt;/i&gt;</textarea>')

  const empty = await app.inject({ url: '/forums/editorials/post', ...formPost({ url: '' }, { cookie }) })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, 'Paste the link of a news article.')

  const ok = await app.inject({
    url: '/forums/editorials/post',
    ...formPost({ url: 'https://news.example.com/a', comment: '' }, { cookie }),
  })
  t.equal(ok.statusCode, 303)
  t.match(ok.headers.location, /^\/threads\/\d+$/)
  const thread = await app.inject({ method: 'GET', url: ok.headers.location as string })
  t.equal(thread.statusCode, 200)
  t.match(thread.body, 'http-equiv="refresh"', 'the waiting thread page refreshes itself')
  t.match(thread.body, /Waiting for the fetcher|Fetching the article/)
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM threads')
  t.equal(rows[0].n, 1, 'only the good post made a thread')

  const unknownForum = await app.inject({ method: 'GET', url: '/forums/nope' })
  t.equal(unknownForum.statusCode, 404)
  t.match(unknownForum.body, 'There is no forum called &quot;nope&quot;.')
})

t.test('an empty reply is refused and the thread page shows why', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const posted = await app.inject({
    method: 'POST',
    url: '/api/threads',
    headers: member.auth,
    payload: { url: 'https://news.example.com/b', forum: 'the-lounge' },
  })
  const id = posted.json().thread.id as number
  const res = await app.inject({ url: `/threads/${id}/replies`, ...formPost({ body: '   ' }, { cookie }) })
  t.equal(res.statusCode, 400)
  t.match(res.body, 'Write something before posting your reply.')

  const anon = await app.inject({ url: `/threads/${id}/replies`, ...formPost({ body: 'kept text' }) })
  t.equal(anon.statusCode, 401)
  t.match(anon.body, 'Log in to reply.')
})

t.test('logging out ends the session', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie } })
  t.equal(out.statusCode, 303)
  const after = await app.inject({ method: 'GET', url: '/forums/editorials/post', headers: { cookie } })
  t.equal(after.statusCode, 303, 'the old cookie no longer signs in')
})
