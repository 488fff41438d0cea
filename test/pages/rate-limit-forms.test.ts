import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember } from '../helpers/factories.js'

t.test('a form refused for going too fast is shown again with the message and what was typed', async (t) => {
  const { app, pool } = await buildTestApp(t, {
    env: { RATE_LINKS_PER_HOUR: '1', RATE_REPLIES_PER_HOUR: '1', RATE_RECS_PER_HOUR: '1' },
  })
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const first = await app.inject({
    url: '/post',
    ...formPost({ url: 'http://127.0.0.1:9/first', comment: '', forum: 'the-lounge' }, { cookie }),
  })
  t.equal(first.statusCode, 303)

  const comment = 'My thoughts on this <one> & why it matters.'
  const second = await app.inject({
    url: '/forums/editorials/post',
    ...formPost({ url: 'http://127.0.0.1:9/second', comment }, { cookie }),
  })
  t.equal(second.statusCode, 429)
  t.match(second.headers['content-type'], /text\/html/)
  t.ok(Number(second.headers['retry-after']) > 0, 'Retry-After says when')
  t.match(
    second.body,
    /<p class="error" role="alert">You have reached the limit of 1 link an hour; try again in \d+ minutes\.<\/p>/,
  )
  t.match(second.body, 'value="http://127.0.0.1:9/second"', 'the link is kept')
  t.match(second.body, 'My thoughts on this &lt;one&gt; &amp; why it matters.', 'the comment is kept, escaped')
  t.equal((await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0].n, 1)

  const other = await registerMember(app)
  const threadId = (await postLink(app, other.auth, { url: 'http://127.0.0.1:9/other', forum: 'the-lounge' })).json()
    .thread.id as number
  const answer = (body: string) => app.inject({ url: `/threads/${threadId}`, ...formPost({ body }, { cookie }) })
  t.equal((await answer('A first answer.')).statusCode, 303)
  const refused = await answer('A second answer, kept for later.')
  t.equal(refused.statusCode, 429)
  t.ok(Number(refused.headers['retry-after']) > 0)
  t.match(refused.body, 'You have reached the limit of 1 reply an hour')
  t.match(refused.body, '>A second answer, kept for later.</textarea>', 'the reply is kept in its box')
  t.equal((await pool.query('SELECT count(*)::int AS n FROM replies')).rows[0].n, 1)

  // The Recommend button has no text to keep: a readable error page that says when.
  t.equal((await app.inject({ url: `/threads/${threadId}/rec`, ...formPost({}, { cookie }) })).statusCode, 303)
  const unrec = await app.inject({ url: `/threads/${threadId}/unrec`, ...formPost({}, { cookie }) })
  t.equal(unrec.statusCode, 429)
  t.ok(Number(unrec.headers['retry-after']) > 0)
  t.match(unrec.body, 'You have reached the limit of 1 rec an hour')
})
