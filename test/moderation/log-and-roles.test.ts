import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost } from '../helpers/factories.js'
import { moderationCast, threadIn } from '../helpers/moderation.js'
import { logModeration } from '../../src/db/moderation.js'
import { asSent } from '../helpers/as-sent.js'

t.test('the public log: written with each action, filtered by forum, paged by keyset', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, moderator, poster } = await moderationCast(app, pool, 'economy')
  const economy = await threadIn(app, poster, 'economy')
  const science = await threadIn(app, poster, 'science')
  await app.inject({
    method: 'POST',
    url: `/api/threads/${economy}/lock`,
    headers: host.auth,
    payload: { reason: 'Done' },
  })
  await app.inject({ method: 'POST', url: `/api/threads/${science}/pin`, headers: moderator.auth, payload: {} })
  // A jury's verdict, as the juries write it: no actor, its counts in details.
  const forumId = (await pool.query(`SELECT id FROM forums WHERE slug = 'economy'`)).rows[0].id
  await logModeration(pool, {
    actorId: null,
    action: 'jury_hide',
    forumId,
    threadId: economy,
    reason: 'Spam',
    details: { hide: 5, keep: 2 },
  })

  const all = await app.inject({ url: '/api/moderation/log' })
  t.equal(all.statusCode, 200)
  t.same(
    all.json().entries.map((e: { action: string }) => e.action),
    ['jury_hide', 'pin', 'lock', 'add_host'],
  )
  const economyLog = await app.inject({ url: '/api/moderation/log?forum=economy' })
  t.same(
    economyLog.json().entries.map((e: { action: string }) => e.action),
    ['jury_hide', 'lock', 'add_host'],
  )
  t.match(economyLog.json().entries[1], {
    actor: host.user.username,
    forum: { slug: 'economy' },
    thread: { id: economy },
    reason: 'Done',
  })
  t.equal((await app.inject({ url: '/api/moderation/log?forum=nope' })).statusCode, 404)

  const page = await app.inject({ url: '/moderation/log?forum=economy' })
  t.equal(page.statusCode, 200)
  t.match(page.body, asSent('A jury (hide 5 · keep 2)'))
  t.match(page.body, new RegExp(`>${host.user.username}</a>\\s+locked`))
  t.match(page.body, 'Why: Done')
  t.notMatch(page.body, 'pinned', 'the other forum’s entry is not here')
  t.match((await app.inject({ url: '/' })).body, 'href="/moderation/log"', 'the footer links to it')

  for (let i = 0; i < 55; i++)
    await logModeration(pool, { actorId: moderator.user.id, action: 'pin', forumId, reason: `n${i}` })
  const first = await app.inject({ url: '/api/moderation/log?forum=economy' })
  t.equal(first.json().entries.length, 50)
  const second = await app.inject({ url: first.json().next })
  t.equal(second.json().entries.length, 8)
  t.equal(second.json().next, null)
  const ids = [...first.json().entries, ...second.json().entries].map((e: { id: number }) => e.id)
  t.equal(new Set(ids).size, 58, 'no entry twice')
  const html = await app.inject({ url: '/moderation/log?forum=economy' })
  const next = /rel="next" href="([^"]+)"/.exec(html.body)![1]!.replace(/&amp;/g, '&')
  t.match((await app.inject({ url: next })).body, asSent('A jury (hide 5 · keep 2)'))
})

t.test('only admins name moderators and hosts; nothing changes otherwise', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { admin, moderator, member } = await moderationCast(app, pool, 'economy')
  for (const who of [moderator, member]) {
    const res = await app.inject({
      method: 'PUT',
      url: `/api/forums/science/hosts/${member.user.username}`,
      headers: who.auth,
    })
    t.equal(res.statusCode, 403)
    t.same(res.json().error, 'admins_only')
    const role = await app.inject({ method: 'PUT', url: `/api/moderators/${member.user.username}`, headers: who.auth })
    t.equal(role.statusCode, 403)
  }
  const { rows } = await pool.query(
    'SELECT role, (SELECT count(*)::int FROM forum_hosts WHERE member_id = $1) AS hosts FROM users WHERE id = $1',
    [member.user.id],
  )
  t.same(rows[0], { role: 'member', hosts: 0 })

  const made = await app.inject({ method: 'PUT', url: `/api/moderators/${member.user.username}`, headers: admin.auth })
  t.match(made.json(), { member: { role: 'moderator' }, changed: true })
  const roles = await app.inject({ url: '/api/roles' })
  t.match(roles.json().staff, [{ role: 'admin' }])
  t.ok(roles.json().staff.some((s: { username: string }) => s.username === member.user.username))

  // The admin's page: a host named through the form shows on the forum's page.
  const cookie = await browserSession(app, admin.user.username, admin.password)
  const memberCookie = await browserSession(app, moderator.user.username, moderator.password)
  t.equal((await app.inject({ url: '/admin/roles', headers: { cookie: memberCookie } })).statusCode, 403)
  const unknown = await app.inject({
    url: '/admin/roles',
    ...formPost({ action: 'add_host', forum: 'science', username: 'nobody_here' }, { cookie }),
  })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.body, 'There is no member called')
  t.match(unknown.body, 'value="nobody_here"')
  const named = await app.inject({
    url: '/admin/roles',
    ...formPost({ action: 'add_host', forum: 'science', username: moderator.user.username }, { cookie }),
  })
  t.equal(named.statusCode, 303)
  t.match(
    (await app.inject({ url: '/forums/science' })).body,
    `Hosted by <a href="/members/${moderator.user.username}"`,
  )
})
