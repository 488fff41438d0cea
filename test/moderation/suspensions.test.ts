import t from 'tap'
import { buildApp } from '../../src/app.js'
import { createLogger } from '../../src/logger.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink } from '../helpers/factories.js'
import { moderationCast, threadIn } from '../helpers/moderation.js'
import { assertMayAct } from '../../src/services/suspensions.js'

t.test('a suspended member reads but cannot post, reply or rec, through the API or the pages', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, moderator, member, poster } = await moderationCast(app, pool, 'economy')
  const id = await threadIn(app, poster, 'economy')
  const cookie = await browserSession(app, member.user.username, member.password)
  // Kept in this process's memory before the suspension: it must take effect at once all the same.
  t.equal((await app.inject({ url: '/', headers: { cookie } })).statusCode, 200)

  const byHost = await app.inject({
    method: 'POST',
    url: `/api/members/${member.user.username}/suspend`,
    headers: host.auth,
    payload: { hours: 24, reason: 'Trolling' },
  })
  t.equal(byHost.statusCode, 403, 'hosts do not suspend')
  t.same(Object.keys(byHost.json()).sort(), ['error', 'message'])
  t.equal(
    (await pool.query('SELECT suspended_until FROM users WHERE id = $1', [member.user.id])).rows[0].suspended_until,
    null,
  )

  const suspend = await app.inject({
    method: 'POST',
    url: `/api/members/${member.user.username}/suspend`,
    headers: moderator.auth,
    payload: { hours: 72, reason: 'Trolling after warnings' },
  })
  t.equal(suspend.statusCode, 200)
  t.match(suspend.json(), { username: member.user.username, changed: true })

  const tries = [
    postLink(app, member.auth, { url: 'https://example.com/new', forum: 'economy' }),
    app.inject({ method: 'POST', url: `/api/threads/${id}/replies`, headers: member.auth, payload: { body: 'hi' } }),
    app.inject({ method: 'PUT', url: `/api/threads/${id}/rec`, headers: member.auth }),
    app.inject({ url: `/threads/${id}`, ...formPost({ body: 'hi' }, { cookie }) }),
    app.inject({
      url: '/post',
      ...formPost({ url: 'https://example.com/x', comment: '', forum: 'economy' }, { cookie }),
    }),
    app.inject({ url: `/threads/${id}/rec`, ...formPost({}, { cookie }) }),
  ]
  for (const res of await Promise.all(tries)) {
    t.equal(res.statusCode, 403)
    t.match(res.body, 'Trolling after warnings')
  }
  const api = await tries[0]!
  t.equal(api.json().error, 'suspended')
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM threads WHERE author_id = $1) AS threads,
            (SELECT count(*)::int FROM replies WHERE author_id = $1) AS replies,
            (SELECT count(*)::int FROM recs WHERE member_id = $1) AS recs`,
    [member.user.id],
  )
  t.same(rows[0], { threads: 0, replies: 0, recs: 0 }, 'nothing was stored')

  const page = await app.inject({ url: `/threads/${id}`, headers: { cookie } })
  t.equal(page.statusCode, 200, 'reading still works')
  t.match(page.body, 'class="notice suspended"')
  t.match(page.body, 'You are suspended until')
  t.match(page.body, 'you cannot reply.')
  t.notMatch(page.body, 'name="body"', 'no reply form for them')
  t.notMatch((await app.inject({ url: `/threads/${id}` })).body, 'You are suspended', 'the cached page is everyone’s')
  t.throws(() => assertMayAct({ suspendedUntil: new Date(Date.now() + 1000), suspendedReason: 'x' }), {
    code: 'suspended',
  })

  const lift = await app.inject({
    method: 'POST',
    url: `/api/members/${member.user.username}/unsuspend`,
    headers: moderator.auth,
    payload: { reason: 'Apologised' },
  })
  t.match(lift.json(), { changed: true, suspendedUntil: null })
  const reply = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: member.auth,
    payload: { body: 'Sorry, all' },
  })
  t.equal(reply.statusCode, 201, 'reinstated, at once')
  const { rows: log } = await pool.query(
    `SELECT action, reason FROM moderation_log WHERE member_id = $1 AND action LIKE '%suspend' ORDER BY id`,
    [member.user.id],
  )
  t.same(log, [
    { action: 'suspend', reason: 'Trolling after warnings' },
    { action: 'unsuspend', reason: 'Apologised' },
  ])
})

t.test('the suspension page: moderators only, a refused form shown again', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, moderator, member } = await moderationCast(app, pool, 'economy')
  const hostCookie = await browserSession(app, host.user.username, host.password)
  const url = `/members/${member.user.username}/suspension`
  t.equal((await app.inject({ url, headers: { cookie: hostCookie } })).statusCode, 403)
  const cookie = await browserSession(app, moderator.user.username, moderator.password)
  const blank = await app.inject({ url, ...formPost({ action: 'suspend', hours: '24', reason: '' }, { cookie }) })
  t.equal(blank.statusCode, 400)
  t.match(blank.body, 'Say why')
  const done = await app.inject({
    url,
    ...formPost({ action: 'suspend', hours: '24', reason: 'Spam links' }, { cookie }),
  })
  t.equal(done.statusCode, 303)
  const shown = await app.inject({ url: done.headers.location as string, headers: { cookie } })
  t.match(shown.body, 'Suspended until')
  t.match(shown.body, 'Spam links')
})

t.test('a suspension applies at once in every web process, not when their memory of the member runs out', async (t) => {
  const test = await buildTestApp(t)
  const { app, pool } = test
  const other = await buildApp(test.config, createLogger('silent', 'test'))
  t.teardown(() => other.close())
  const { moderator, member, poster } = await moderationCast(app, pool, 'economy')
  const id = await threadIn(app, poster, 'economy')
  const reply = (body: string) =>
    other.inject({ method: 'POST', url: `/api/threads/${id}/replies`, headers: member.auth, payload: { body } })
  t.equal((await reply('Before the suspension.')).statusCode, 201, 'the other process now keeps the member')

  const suspend = await app.inject({
    method: 'POST',
    url: `/api/members/${member.user.username}/suspend`,
    headers: moderator.auth,
    payload: { hours: 24, reason: 'Flooding' },
  })
  t.equal(suspend.statusCode, 200)
  // The notice travels through Postgres: well within the 5 s a process keeps a member, the member is refused.
  let refused = await reply('Right after.')
  for (let i = 0; i < 50 && refused.statusCode !== 403; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    refused = await reply('Right after.')
  }
  t.equal(refused.statusCode, 403)
  t.equal(refused.json().error, 'suspended')
})
