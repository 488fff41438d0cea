import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage, uniqueName } from '../helpers/factories.js'
import { COMMENT_MAX, REPLY_MAX, URL_MAX } from '../../src/limits.js'

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

t.test('posting a link through the form, from Latest Discussions or a forum', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)

  const anonymous = await app.inject({ method: 'GET', url: '/post' })
  t.equal(anonymous.statusCode, 303)
  t.equal(anonymous.headers.location, '/login?next=%2Fpost')
  const anonymousInForum = await app.inject({ method: 'GET', url: '/forums/editorials/post' })
  t.equal(anonymousInForum.headers.location, '/login?next=%2Fforums%2Feditorials%2Fpost')
  const fromForum = await app.inject({ method: 'GET', url: '/forums/editorials/post', headers: { cookie } })
  t.equal(fromForum.statusCode, 200)
  t.match(fromForum.body, '<option value="editorials" selected>', "a forum's Post a link opens the one form, chosen")
  t.match(fromForum.body, '<form method="post" action="/post"')
  const unknown = await app.inject({ method: 'GET', url: '/forums/nope/post', headers: { cookie } })
  t.equal(unknown.statusCode, 404)

  const chosen = await app.inject({ method: 'GET', url: '/post?forum=editorials', headers: { cookie } })
  t.equal(chosen.statusCode, 200)
  t.match(chosen.body, '<h1>Post a link to Editorials &amp; Other Articles</h1>')
  t.match(chosen.body, '<option value="editorials" selected>')
  t.match(chosen.body, `maxlength="${URL_MAX}"`)
  t.match(chosen.body, `maxlength="${COMMENT_MAX}"`)
  const home = await app.inject({ method: 'GET', url: '/post', headers: { cookie } })
  t.match(home.body, '<h1>Post a link</h1>')
  t.match(home.body, '<option value="" selected>Choose a forum&#8230;</option>')
  t.match(home.body, '<optgroup label="Issue Forums">')

  const bad = await app.inject({
    url: '/post',
    ...formPost({ url: 'not a link', forum: 'editorials', comment: 'my <i>note</i>' }, { cookie }),
  })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, '&quot;not a link&quot; is not a web address')
  t.match(bad.body, 'value="not a link"')
  t.match(bad.body, 'my &lt;i&gt;note&lt;/i&gt;</textarea>')
  t.match(bad.body, '<option value="editorials" selected>', 'the chosen forum is kept')

  const empty = await app.inject({ url: '/post', ...formPost({ url: '', forum: 'editorials' }, { cookie }) })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, 'Paste the link of a news article.')

  const noForum = await app.inject({
    url: '/post',
    ...formPost({ url: 'https://news.example.com/x', forum: '' }, { cookie }),
  })
  t.equal(noForum.statusCode, 400)
  t.match(noForum.body, 'Choose the forum the link belongs in.')
  t.match(noForum.body, 'value="https://news.example.com/x"')

  const longComment = 'Line one.\r\n'.repeat(COMMENT_MAX / 10)
  t.ok(longComment.length > COMMENT_MAX, 'CR LF line breaks make it longer than the limit as sent')
  const tooLong = await app.inject({
    url: '/post',
    ...formPost({ url: 'https://news.example.com/long', forum: 'editorials', comment: longComment + 'x' }, { cookie }),
  })
  t.equal(tooLong.statusCode, 400)
  t.match(tooLong.body, `at most ${COMMENT_MAX} characters`)
  t.match(tooLong.body, 'Line one.\nLine one.', 'what was typed is kept')

  const ok = await app.inject({
    url: '/post',
    ...formPost({ url: 'https://news.example.com/a', forum: 'editorials', comment: longComment }, { cookie }),
  })
  t.equal(ok.statusCode, 303, 'a comment as long as the form allows, counted as the browser counts')
  t.match(ok.headers.location, /^\/threads\/\d+$/)
  const thread = await app.inject({ method: 'GET', url: ok.headers.location as string })
  t.equal(thread.statusCode, 200)
  t.match(thread.body, 'http-equiv="refresh"', 'the waiting thread page refreshes itself')
  t.match(thread.body, /Waiting for the fetcher|Fetching the article/)

  const older = await app.inject({
    url: '/forums/economy/post',
    ...formPost({ url: 'https://news.example.com/b' }, { cookie }),
  })
  t.equal(older.statusCode, 303, 'a form opened before the move still posts to its forum')
  const { rows } = await pool.query('SELECT f.slug FROM threads t JOIN forums f ON f.id = t.forum_id ORDER BY t.id')
  t.same(
    rows.map((r) => r.slug),
    ['editorials', 'economy'],
    'only the good posts made threads, in their forums',
  )

  const unknownForum = await app.inject({ method: 'GET', url: '/forums/nope' })
  t.equal(unknownForum.statusCode, 404)
  t.match(unknownForum.body, 'There is no forum called &quot;nope&quot;.')
})

t.test('a refused reply is shown beside the box, text kept, at an address that reloads', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const posted = await postLink(app, member.auth, { url: 'https://news.example.com/b', forum: 'the-lounge' })
  const id = posted.json().thread.id as number
  const page = await threadPage(app, id, { cookie })
  t.match(page.body, `<form method="post" action="/threads/${id}#reply" class="stack" id="reply">`)
  t.match(page.body, `maxlength="${REPLY_MAX}"`)

  const res = await app.inject({ url: `/threads/${id}`, ...formPost({ body: '   ' }, { cookie }) })
  t.equal(res.statusCode, 400)
  const form = /<form method="post" action="\/threads\/\d+#reply"[\s\S]*?<\/form>/.exec(res.body)![0]
  t.match(form, '<p class="error" role="alert" id="reply-error">Write something before posting your reply.</p>')
  t.match(form, 'aria-invalid="true" aria-describedby="reply-error"', 'the box is tied to its message')

  const long = 'x'.repeat(REPLY_MAX + 1)
  const tooLong = await app.inject({ url: `/threads/${id}`, ...formPost({ body: long }, { cookie }) })
  t.equal(tooLong.statusCode, 400)
  t.match(tooLong.body, `at most ${REPLY_MAX} characters`)
  t.match(tooLong.body, `>${long}</textarea>`, 'the text is kept')

  const reloaded = await app.inject({ method: 'GET', url: `/threads/${id}/replies` })
  t.equal(reloaded.statusCode, 303, 'the old form address leads to the thread')
  t.equal(reloaded.headers.location, `/threads/${id}#reply`)
  const relative = await app.inject({ method: 'GET', url: `/threads/${id}/replies?replyTo=7&quote=1` })
  t.equal(
    relative.headers.location,
    `/threads/${id}?replyTo=7&quote=1#reply`,
    'a Reply link followed from here keeps its query',
  )

  const anon = await app.inject({ url: `/threads/${id}/replies`, ...formPost({ body: 'kept text' }) })
  t.equal(anon.statusCode, 401)
  t.match(anon.body, 'Log in to reply.')
  t.match(anon.body, 'readonly aria-label="Your reply, not posted yet">kept text</textarea>', 'the text is not lost')

  const good = await app.inject({ url: `/threads/${id}`, ...formPost({ body: 'Well said.' }, { cookie }) })
  t.equal(good.statusCode, 303)
  t.match(good.headers.location, new RegExp(`^/threads/${id}#reply-\\d+$`))

  const atItsAddress = await app.inject({
    url: `/threads/${id}-its-headline`,
    ...formPost({ body: 'Posted to the page’s own address.' }, { cookie }),
  })
  t.equal(atItsAddress.statusCode, 303, 'the thread page’s address (id and slug) takes a reply too')
  for (const bad of ['abc', '0', '12x']) {
    const refused = await app.inject({ url: `/threads/${bad}`, ...formPost({ body: 'Lost?' }, { cookie }) })
    t.equal(refused.statusCode, 400, `a reply to /threads/${bad} is refused, not a server error`)
  }
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
