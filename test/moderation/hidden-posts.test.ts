import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession } from '../helpers/factories.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

const SECRET = 'Buy cheap watches at spam.example'

t.test(
  'a hidden reply keeps its place; its text is gone from the page and the JSON but not for poster and moderators',
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { host, moderator, member, poster } = await moderationCast(app, pool, 'economy')
    const id = await threadIn(app, poster, 'economy')
    const spam = await replyTo(app, member, id, SECRET)
    const answer = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: poster.auth,
      payload: { body: 'Is this an ad?', parentId: spam },
    })
    t.equal(answer.statusCode, 201)
    // Cached before the hiding: the change must reach the cached page.
    t.match((await app.inject({ url: `/threads/${id}` })).body, SECRET)

    const refused = await app.inject({
      method: 'POST',
      url: `/api/replies/${spam}/hide`,
      headers: poster.auth,
      payload: { reason: 'Spam' },
    })
    t.equal(refused.statusCode, 403)
    const noReason = await app.inject({
      method: 'POST',
      url: `/api/replies/${spam}/hide`,
      headers: host.auth,
      payload: {},
    })
    t.equal(noReason.statusCode, 400)
    t.equal(noReason.json().error, 'missing_reason')
    const hide = await app.inject({
      method: 'POST',
      url: `/api/replies/${spam}/hide`,
      headers: host.auth,
      payload: { reason: 'Spam' },
    })
    t.equal(hide.statusCode, 200)
    t.match(hide.json(), { changed: true, post: { kind: 'reply', id: spam, hidden: 'moderator' } })

    const page = await app.inject({ url: `/threads/${id}` })
    t.notMatch(page.body, SECRET, 'the anonymous page has no hidden text')
    t.match(page.body, 'Hidden by a moderator.')
    t.match(page.body, 'Is this an ad?', 'its answer keeps its place')
    t.match(page.body, new RegExp(`id="reply-${spam}"[\\s\\S]*id="reply-${answer.json().reply.id}"`))
    const json = await app.inject({ url: `/api/threads/${id}/replies` })
    t.notMatch(json.body, SECRET)
    t.match(
      json.json().replies.find((r: { id: number }) => r.id === spam),
      { body: '', hidden: 'moderator' },
    )

    for (const [who, may] of [
      [member, true],
      [host, true],
      [moderator, true],
      [poster, false],
    ] as const) {
      const cookie = await browserSession(app, who.user.username, who.password)
      const seen = await app.inject({ url: `/replies/${spam}/moderate`, headers: { cookie } })
      t.equal(seen.statusCode, may ? 200 : 403)
      if (may) t.match(seen.body, SECRET, 'its poster and the moderators read it')
      else t.notMatch(seen.body, SECRET)
      const thread = await app.inject({ url: `/threads/${id}`, headers: { cookie } })
      t.notMatch(thread.body, SECRET, 'not on the thread page, for anyone')
      const showLink = `<a href="/replies/${spam}/moderate">Show the hidden text</a>`
      if (may) t.match(thread.body, showLink, 'the thread page links those who may to it')
      else t.notMatch(thread.body, showLink)
    }
    t.notMatch(page.body, `/replies/${spam}/moderate`, 'an anonymous reader has no such link')
    const quoted = await app.inject({
      url: `/threads/${id}?replyTo=${spam}&quote=1`,
      headers: { cookie: await browserSession(app, poster.user.username, poster.password) },
    })
    t.notMatch(quoted.body, SECRET, 'nobody quotes it')

    const unhide = await app.inject({
      method: 'POST',
      url: `/api/replies/${spam}/unhide`,
      headers: moderator.auth,
      payload: { reason: 'Not spam after all' },
    })
    t.match(unhide.json(), { changed: true, post: { hidden: null } })
    t.match((await app.inject({ url: `/threads/${id}` })).body, SECRET)
  },
)

t.test('a hidden thread leaves the lists; its page and JSON show nothing it said', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { moderator, member, poster } = await moderationCast(app, pool, 'economy')
  const id = await threadIn(app, poster, 'economy', '/illegal-thing')
  t.match((await app.inject({ url: '/forums/economy' })).body, `data-thread="${id}"`)
  const hide = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/hide`,
    headers: moderator.auth,
    payload: { reason: 'Illegal content' },
  })
  t.equal(hide.statusCode, 200)
  for (const list of ['/forums/economy', '/', `/members/${poster.user.username}`]) {
    t.notMatch((await app.inject({ url: list })).body, `data-thread="${id}"`, `${list} leaves it out`)
  }
  const page = await app.inject({ url: `/threads/${id}` })
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Hidden by a moderator.')
  t.notMatch(page.body, 'illegal-thing')
  const json = await app.inject({ url: `/api/threads/${id}` })
  t.equal(json.statusCode, 410)
  t.equal(json.json().error, 'thread_hidden')
  t.notMatch(json.body, 'illegal-thing')
  t.equal((await app.inject({ url: `/api/threads/${id}/replies` })).statusCode, 410)
  const reply = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: member.auth,
    payload: { body: 'hello' },
  })
  t.equal(reply.statusCode, 409)
  t.equal(reply.json().error, 'thread_hidden')

  const posterCookie = await browserSession(app, poster.user.username, poster.password)
  const own = await app.inject({ url: `/threads/${id}/moderate`, headers: { cookie: posterCookie } })
  t.equal(own.statusCode, 200)
  t.match(own.body, 'illegal-thing', 'its poster reads what they posted')
  t.notMatch(own.body, 'name="action"', 'but has no moderator buttons')
  const ownPage = await app.inject({ url: `/threads/${id}`, headers: { cookie: posterCookie } })
  t.match(ownPage.body, /<style>\.hidden-thread \.peek \{ display: inline; \}/, 'the show link is theirs')
  const memberCookie = await browserSession(app, member.user.username, member.password)
  t.equal((await app.inject({ url: `/threads/${id}/moderate`, headers: { cookie: memberCookie } })).statusCode, 403)
  const memberPage = await app.inject({ url: `/threads/${id}`, headers: { cookie: memberCookie } })
  t.notMatch(memberPage.body, '.peek')
})
