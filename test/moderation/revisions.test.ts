import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, registerMember } from '../helpers/factories.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

t.test(
  'a post’s earlier texts: for its forum’s hosts and the moderators, in the API and on the moderate pages',
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { moderator, host, member, poster } = await moderationCast(app, pool, 'economy')
    const otherHost = await registerMember(app)
    await pool.query(
      `INSERT INTO forum_hosts (forum_id, member_id) SELECT id, $1 FROM forums WHERE slug = 'the-lounge'`,
      [otherHost.user.id],
    )
    const threadId = await threadIn(app, poster, 'economy')
    const replyId = await replyTo(app, member, threadId, 'First, rude text.')
    const change = (method: 'PATCH' | 'DELETE', url: string, payload?: Record<string, string>) =>
      app.inject({ method, url, headers: member.auth, ...(payload ? { payload } : {}) })
    t.equal((await change('PATCH', `/api/replies/${replyId}`, { body: 'Second, milder text.' })).statusCode, 200)
    t.equal((await change('PATCH', `/api/replies/${replyId}`, { body: 'Third text.' })).statusCode, 200)
    t.equal((await change('DELETE', `/api/replies/${replyId}`)).statusCode, 200)
    const reworded = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${threadId}/comment`,
      headers: poster.auth,
      payload: { comment: 'My words, reworded.' },
    })
    t.equal(reworded.statusCode, 200)

    const revisions = (who: { auth: Record<string, string> } | null, url: string) =>
      app.inject({ url, headers: who?.auth ?? {} })
    const seen = await revisions(moderator, `/api/replies/${replyId}/revisions`)
    t.equal(seen.statusCode, 200)
    t.match(seen.json().revisions, [
      { text: 'First, rude text.', replacedBy: 'edit', writtenAt: String, replacedAt: String },
      { text: 'Second, milder text.', replacedBy: 'edit' },
      { text: 'Third text.', replacedBy: 'delete' },
    ])
    t.equal(seen.json().revisions.length, 3)
    t.match((await revisions(host, `/api/replies/${replyId}/revisions`)).json().revisions, [
      { text: 'First, rude text.' },
    ])
    t.same(
      (await revisions(moderator, `/api/threads/${threadId}/revisions`))
        .json()
        .revisions.map((r: { text: string }) => r.text),
      [''],
      'the link was posted without words',
    )

    for (const [who, member_] of [
      ['a host of another forum', otherHost],
      ['the reply’s author', member],
      ['the thread’s poster', poster],
    ] as const) {
      for (const url of [`/api/replies/${replyId}/revisions`, `/api/threads/${threadId}/revisions`]) {
        const res = await revisions(member_, url)
        t.equal(res.statusCode, 403, `${who}: 403 (${url})`)
        t.same(res.json().error, 'not_moderator')
      }
    }
    t.equal((await revisions(null, `/api/replies/${replyId}/revisions`)).statusCode, 401, 'anonymous: 401')
    t.equal((await revisions(moderator, '/api/replies/999999999/revisions')).statusCode, 404)

    const cookie = await browserSession(app, moderator.user.username, moderator.password)
    const page = await app.inject({ url: `/replies/${replyId}/moderate`, headers: { cookie } })
    t.equal(page.statusCode, 200)
    t.match(page.body, 'Earlier versions')
    t.match(page.body, /First, rude text\.[\s\S]*Second, milder text\.[\s\S]*Third text\./, 'oldest first')
    t.match(page.body, 'deleted by its author')
    const threadPage = await app.inject({ url: `/threads/${threadId}/moderate`, headers: { cookie } })
    t.match(threadPage.body, 'Earlier versions')
    t.match(threadPage.body, '(no words)')

    // A hidden reply's poster opens its moderate page to read it, but not its earlier texts.
    const reply2 = await replyTo(app, member, threadId, 'Original words of a hidden reply.')
    await change('PATCH', `/api/replies/${reply2}`, { body: 'Edited words of a hidden reply.' })
    const hid = await app.inject({
      method: 'POST',
      url: `/api/replies/${reply2}/hide`,
      headers: moderator.auth,
      payload: { reason: 'Spam' },
    })
    t.equal(hid.statusCode, 200)
    const own = await browserSession(app, member.user.username, member.password)
    const ownPage = await app.inject({ url: `/replies/${reply2}/moderate`, headers: { cookie: own } })
    t.equal(ownPage.statusCode, 200)
    t.match(ownPage.body, 'Edited words of a hidden reply.')
    t.notMatch(ownPage.body, 'Earlier versions')
    t.notMatch(ownPage.body, 'Original words', 'the poster does not see the earlier text')

    const docs = (await app.inject({ url: '/docs/json' })).json()
    t.ok(docs.paths['/api/replies/{id}/revisions']?.get, 'documented in /docs')
    t.ok(docs.paths['/api/threads/{id}/revisions']?.get)
  },
)
