import t, { type Test } from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, threadPage } from '../helpers/factories.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

type Built = Awaited<ReturnType<typeof buildTestApp>>

/** A member with a thread (with words) and a reply of their own, then suspended by a moderator. */
async function suspendedScene(t: Test, built: Built) {
  const { app, pool } = built
  const { moderator, member, poster } = await moderationCast(app, pool, 'economy')
  const others = await threadIn(app, poster, 'economy')
  const own = await threadIn(app, member, 'economy')
  await pool.query(
    `UPDATE threads SET status = 'ready', title = 'A story', comment = 'My first words' WHERE id = ANY($1)`,
    [[others, own]],
  )
  const ownReply = await replyTo(app, member, others, 'My reply, as first written.')
  const cookie = await browserSession(app, member.user.username, member.password)
  const suspend = await app.inject({
    method: 'POST',
    url: `/api/members/${member.user.username}/suspend`,
    headers: moderator.auth,
    payload: { hours: 48, reason: 'Repeated insults' },
  })
  t.equal(suspend.statusCode, 200)
  return { ...built, member, poster, others, own, ownReply, cookie, until: suspend.json().suspendedUntil as string }
}

const untilText = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`

t.test(
  'a suspended member’s forms come back with why, until when and what they typed; nothing is stored',
  async (t) => {
    const s = await suspendedScene(t, await buildTestApp(t))
    const { app, pool, cookie } = s
    const tries = {
      'a new link': app.inject({
        url: '/post',
        ...formPost(
          { url: 'https://example.com/typed-link', comment: 'Words typed with a link', forum: 'economy' },
          { cookie },
        ),
      }),
      'a reply': app.inject({
        url: `/threads/${s.others}`,
        ...formPost({ body: 'A reply typed while suspended' }, { cookie }),
      }),
      'an edit': app.inject({
        url: `/replies/${s.ownReply}/edit`,
        ...formPost({ body: 'My reply, reworded while suspended' }, { cookie }),
      }),
      'new words': app.inject({
        url: `/threads/${s.own}/comment`,
        ...formPost({ comment: 'Words reworded while suspended' }, { cookie }),
      }),
      'an alert': app.inject({
        url: '/alert',
        ...formPost({ thread: String(s.others), reason: 'other', note: 'A note typed while suspended' }, { cookie }),
      }),
    }
    const typed = {
      'a new link': ['https://example.com/typed-link', 'Words typed with a link'],
      'a reply': ['A reply typed while suspended'],
      'an edit': ['My reply, reworded while suspended'],
      'new words': ['Words reworded while suspended'],
      'an alert': ['A note typed while suspended'],
    }
    for (const [what, pending] of Object.entries(tries)) {
      const res = await pending
      t.equal(res.statusCode, 403, `${what}: refused`)
      t.match(res.headers['content-type'], 'text/html')
      t.match(
        res.body,
        /<p class="error" role="alert"[^>]*>You are suspended until [^<]*Reason: Repeated insults<\/p>/,
        `${what}: the form says why`,
      )
      t.match(res.body, untilText(s.until), `${what}: and until when`)
      for (const text of typed[what as keyof typeof typed]) t.match(res.body, text, `${what}: what was typed is kept`)
      t.notMatch(res.body, '<h1>Error', `${what}: not an error page`)
    }

    const rec = await app.inject({ url: `/threads/${s.others}/rec`, ...formPost({}, { cookie }) })
    t.equal(rec.statusCode, 403, 'a rec: refused')
    t.match(rec.body, 'you cannot recommend', 'the thread is shown again, its rec line saying why')
    t.match(rec.body, 'class="digest"')

    const { rows } = await pool.query(
      `SELECT (SELECT count(*)::int FROM threads WHERE author_id = $1) AS threads,
            (SELECT count(*)::int FROM replies WHERE author_id = $1) AS replies,
            (SELECT body FROM replies WHERE id = $2) AS body,
            (SELECT comment FROM threads WHERE id = $3) AS comment,
            (SELECT count(*)::int FROM recs WHERE member_id = $1) AS recs,
            (SELECT count(*)::int FROM alerts WHERE member_id = $1) AS alerts`,
      [s.member.user.id, s.ownReply, s.own],
    )
    t.same(
      rows[0],
      { threads: 1, replies: 1, body: 'My reply, as first written.', comment: 'My first words', recs: 0, alerts: 0 },
      'nothing was stored or changed',
    )
  },
)

t.test('the API answers 403 {error: "suspended", message} to each of them', async (t) => {
  const s = await suspendedScene(t, await buildTestApp(t))
  const { app } = s
  const auth = s.member.auth
  const answers = await Promise.all([
    app.inject({
      method: 'POST',
      url: '/api/threads',
      headers: auth,
      payload: { url: 'https://example.com/n', forum: 'economy' },
    }),
    app.inject({ method: 'POST', url: `/api/threads/${s.others}/replies`, headers: auth, payload: { body: 'x' } }),
    app.inject({ method: 'PATCH', url: `/api/replies/${s.ownReply}`, headers: auth, payload: { body: 'y' } }),
    app.inject({ method: 'PATCH', url: `/api/threads/${s.own}/comment`, headers: auth, payload: { comment: 'z' } }),
    app.inject({ method: 'PUT', url: `/api/threads/${s.others}/rec`, headers: auth }),
    app.inject({ method: 'POST', url: '/api/alerts', headers: auth, payload: { threadId: s.others, reason: 'spam' } }),
  ])
  for (const [i, res] of answers.entries()) {
    t.equal(res.statusCode, 403, `request ${i + 1} refused`)
    t.same(Object.keys(res.json()).sort(), ['error', 'message'])
    t.equal(res.json().error, 'suspended')
    t.match(res.json().message, `until ${untilText(s.until)}`)
    t.match(res.json().message, 'Reason: Repeated insults')
  }
})

t.test(
  'a suspended member sees a note instead of the buttons they cannot use; the shared page stays everyone’s',
  async (t) => {
    const s = await suspendedScene(t, await buildTestApp(t))
    const { app, cookie } = s
    const others = await threadPage(app, s.others, { cookie })
    t.equal(others.statusCode, 200)
    t.match(others.body, `You are suspended until ${untilText(s.until)}: you cannot recommend.`)
    t.notMatch(others.body, '>Recommend</button>', 'no Recommend button')
    t.match(others.body, `You are suspended until ${untilText(s.until)}: you cannot reply.`)
    t.notMatch(others.body, 'name="body"', 'no reply form')
    // Reply, Quote and Alert are in the page every reader shares: a rule of this member's hides them.
    t.match(others.body, '<style>.act, .reply > .links > a { display: none; }</style>')
    t.match(others.body, '<p class="actions links"><a href="?replyTo=', 'the lines the rule reaches')
    const own = await threadPage(app, s.own, { cookie })
    t.notMatch(own.body, 'Edit your words', 'no way to reword their own words')
    t.match(
      others.body,
      `<span class="tools"><a href="/replies/${s.ownReply}/delete">Delete</a></span>`,
      'their own reply can be deleted, not edited',
    )
    const latest = await app.inject({ url: '/', headers: { cookie } })
    t.match(latest.body, '<a class="button act" href="/post">', 'Post a link is marked for the rule too')
    t.match(latest.body, '<style>.act, ')

    const posterCookie = await browserSession(app, s.poster.user.username, s.poster.password)
    const poster = await threadPage(app, s.own, { cookie: posterCookie })
    t.match(poster.body, '>Recommend</button>', 'another member still has the button')
    t.notMatch(poster.body, 'you cannot', 'and no note')
    t.notMatch(poster.body, '<style>.act, ', 'nor the rule')
    t.notMatch((await threadPage(app, s.others)).body, 'suspended', 'anonymous readers neither')
  },
)
