import t, { type Test } from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { createLogger } from '../../src/logger.js'
import { buildTestApp, type TestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage } from '../helpers/factories.js'

/** A second web process on the same database, as a second server would run. */
async function secondProcess(t: Test, test: TestApp): Promise<FastifyInstance> {
  const app = await buildApp(test.config, createLogger('silent', 'test'))
  t.teardown(() => app.close())
  return app
}

/** Whether the member behind these headers is signed in, as `app` sees it now. */
const signedIn = async (app: FastifyInstance, headers: Record<string, string>) => {
  const res = await app.inject({ url: headers.cookie ? '/settings' : '/api/me/sessions', headers })
  return res.statusCode === 200
}

t.test(
  'members list their sessions and tokens and end them; others cannot; ended means ended in every process',
  async (t) => {
    const test = await buildTestApp(t)
    const { app } = test
    const other = await secondProcess(t, test)
    const alice = await registerMember(app)
    const bob = await registerMember(app)
    const cookie = await browserSession(app, alice.user.username, alice.password)
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: alice.user.username, password: alice.password },
    })
    const second = { authorization: `Bearer ${login.json().token}` }

    const listed = await app.inject({ url: '/api/me/sessions', headers: alice.auth })
    t.equal(listed.statusCode, 200)
    const sessions = listed.json().sessions as { id: number; kind: string; current: boolean; expiresAt: string }[]
    t.same(sessions.map((s) => s.kind).sort(), ['api', 'api', 'web'], 'her two tokens and her browser session')
    t.equal(sessions.filter((s) => s.current).length, 1, 'one is marked as the one in use')
    const web = sessions.find((s) => s.kind === 'web')!
    const current = sessions.find((s) => s.current)!
    t.equal(current.kind, 'api')
    t.ok(Date.parse(web.expiresAt) > Date.now(), 'with when it expires')
    t.equal((await app.inject({ url: '/api/me/sessions' })).statusCode, 401, 'anonymous: 401')

    // Both processes have her web session and her second token in their memory of members.
    for (const process of [app, other]) {
      t.ok(await signedIn(process, { cookie }))
      t.ok(await signedIn(process, second))
    }

    const theirs = await app.inject({ method: 'DELETE', url: `/api/me/sessions/${web.id}`, headers: bob.auth })
    t.equal(theirs.statusCode, 403, "another member cannot end alice's session")
    t.same(theirs.json(), { error: 'not_yours', message: 'Only its own member can end a session.' })
    const bobCookie = await browserSession(app, bob.user.username, bob.password)
    const theirForm = await app.inject({
      url: `/settings/sessions/${web.id}/revoke`,
      ...formPost({}, { cookie: bobCookie }),
    })
    t.equal(theirForm.statusCode, 403, 'nor through the settings page')
    t.ok(await signedIn(app, { cookie }), 'her session still works')
    t.equal((await app.inject({ url: '/api/me/sessions', headers: alice.auth })).json().sessions.length, 3)
    const unknown = await app.inject({ method: 'DELETE', url: '/api/me/sessions/99999999', headers: alice.auth })
    t.equal(unknown.statusCode, 404)

    // Kept by the other process just now: only the notice can make it forget within its 5 s.
    t.ok(await signedIn(other, { cookie }))
    const ended = await app.inject({ method: 'DELETE', url: `/api/me/sessions/${web.id}`, headers: alice.auth })
    t.equal(ended.statusCode, 204)
    await other.pageChangesArrived()
    t.notOk(await signedIn(app, { cookie }), 'the browser session stops working here')
    t.notOk(await signedIn(other, { cookie }), 'and in the other process at once')
    t.ok(await signedIn(other, second), 'her other token still works')

    // The settings page, in the browser session of her own: "this one" marked, and ended with a button.
    const cookie2 = await browserSession(app, alice.user.username, alice.password)
    const page = await app.inject({ url: '/settings', headers: { cookie: cookie2 } })
    t.match(page.body, 'Browser session <strong>(this one)</strong>')
    t.match(page.body, 'API token')
    const tokenId = (await app.inject({ url: '/api/me/sessions', headers: second }))
      .json()
      .sessions.find((s: { current: boolean }) => s.current).id as number
    t.ok(await signedIn(other, second))
    const revoked = await app.inject({
      url: `/settings/sessions/${tokenId}/revoke`,
      ...formPost({}, { cookie: cookie2 }),
    })
    t.equal(revoked.statusCode, 303)
    t.equal(revoked.headers.location, '/settings?saved=session#sessions')
    await other.pageChangesArrived()
    t.notOk(await signedIn(other, second), 'the token ended from the page stops working in the other process')
    t.equal((await other.inject({ url: '/api/me/sessions', headers: second })).json().error, 'unauthorized')
  },
)

t.test('a member deletes their account: posts stay by a former member, sessions end everywhere', async (t) => {
  const test = await buildTestApp(t)
  const { app, pool } = test
  const other = await secondProcess(t, test)
  const alice = await registerMember(app)
  const bob = await registerMember(app)
  const posted = await postLink(app, alice.auth, {
    url: 'https://example.com/leaving',
    forum: 'the-lounge',
    comment: 'My words stay.',
  })
  const id = posted.json().thread.id as number
  await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: alice.auth,
    payload: { body: 'Mine too.' },
  })
  await app.inject({ method: 'PUT', url: `/api/threads/${id}/rec`, headers: bob.auth })
  await app.inject({ method: 'PUT', url: `/api/me/ignores/${alice.user.username}`, headers: bob.auth })
  const cookie = await browserSession(app, alice.user.username, alice.password)
  for (const process of [app, other]) {
    t.ok(await signedIn(process, { cookie }))
    t.ok(await signedIn(process, alice.auth))
  }

  const wrong = await app.inject({
    method: 'DELETE',
    url: '/api/me',
    headers: alice.auth,
    payload: { password: 'nope' },
  })
  t.equal(wrong.statusCode, 403, 'the password must be hers')
  t.same(wrong.json(), { error: 'wrong_password', message: 'That is not your password; your account was not deleted.' })
  const byBob = await app.inject({
    method: 'DELETE',
    url: '/api/me',
    headers: bob.auth,
    payload: { password: alice.password },
  })
  t.equal(byBob.statusCode, 403, "alice's password does not delete bob")
  const form = await app.inject({ url: '/settings/delete-account', ...formPost({ password: 'nope' }, { cookie }) })
  t.equal(form.statusCode, 403)
  t.match(form.body, 'That is not your password')
  t.ok(await signedIn(app, alice.auth), 'nothing changed')
  t.equal((await app.inject({ url: `/api/members/${alice.user.username}` })).json().member.deleted, false)

  t.ok(await signedIn(other, alice.auth))
  t.ok(await signedIn(other, { cookie }))
  const gone = await app.inject({
    method: 'DELETE',
    url: '/api/me',
    headers: alice.auth,
    payload: { password: alice.password },
  })
  t.equal(gone.statusCode, 204)
  await other.pageChangesArrived()
  for (const process of [app, other]) {
    t.notOk(await signedIn(process, alice.auth), 'her token stops working in both processes')
    t.notOk(await signedIn(process, { cookie }), 'and so does her browser session')
  }
  const again = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: alice.user.username, password: alice.password },
  })
  t.equal(again.statusCode, 401, 'she cannot log in again')

  const former = `former-member-${alice.user.id}`
  const thread = (await app.inject({ url: `/api/threads/${id}` })).json().thread
  t.equal(thread.author.username, former, 'her thread stays, under a former name')
  t.equal(thread.comment, 'My words stay.')
  t.equal(thread.recCount, 1, "bob's rec stays")
  const replies = (await app.inject({ url: `/api/threads/${id}/replies` })).json().replies
  t.same(
    replies.map((r: { body: string; author: { username: string } }) => [r.body, r.author.username]),
    [['Mine too.', former]],
  )
  const page = await threadPage(other, id)
  t.match(page.body, '>a former member</a>', 'pages say "a former member"')
  t.notMatch(page.body, alice.user.username, 'her name is gone from the page, in the other process too')
  const profile = await app.inject({ url: `/members/${former}` })
  t.match(profile.body, 'This account was deleted.')
  t.equal((await app.inject({ url: `/members/${alice.user.username}` })).statusCode, 404, 'her old name leads nowhere')
  t.notMatch((await app.inject({ url: '/members' })).body, former, 'the member list leaves her out')
  const kept = await pool.query(
    `SELECT (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions,
            (SELECT count(*)::int FROM watches WHERE member_id = $1) AS watches,
            (SELECT count(*)::int FROM ignores WHERE ignored_id = $1) AS ignored,
            (SELECT bio FROM users WHERE id = $1) AS bio`,
    [alice.user.id],
  )
  t.same(kept.rows[0], { sessions: 0, watches: 0, ignored: 0, bio: '' })

  const taken = await app.inject({
    method: 'POST',
    url: '/api/register',
    payload: { username: 'former-member-1', password: 'a-long-password' },
  })
  t.equal(taken.statusCode, 409, 'nobody may register a former name')
})

t.test('deleting an account through the settings pages', async (t) => {
  const { app } = await buildTestApp(t)
  const alice = await registerMember(app)
  const cookie = await browserSession(app, alice.user.username, alice.password)
  const settings = await app.inject({ url: '/settings', headers: { cookie } })
  t.match(settings.body, '<a href="/settings/delete-account">')
  const confirm = await app.inject({ url: '/settings/delete-account', headers: { cookie } })
  t.equal(confirm.statusCode, 200)
  t.match(confirm.body, 'name="password"')
  t.equal((await app.inject({ url: '/settings/delete-account' })).statusCode, 303, 'anonymous: off to log in')
  const done = await app.inject({
    url: '/settings/delete-account',
    ...formPost({ password: alice.password }, { cookie }),
  })
  t.equal(done.statusCode, 303)
  t.equal(done.headers.location, `/members/former-member-${alice.user.id}`)
  t.match(String(done.headers['set-cookie']), /broadsheet_session=;/, 'the cookie is cleared')
  t.notOk(await signedIn(app, { cookie }))
})
