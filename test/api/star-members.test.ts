import t from 'tap'
import { buildApp } from '../../src/app.js'
import { setRole } from '../../src/db/users.js'
import { createLogger } from '../../src/logger.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, registerMember, threadPage } from '../helpers/factories.js'
import { replyTo, threadIn } from '../helpers/moderation.js'

type Member = Awaited<ReturnType<typeof registerMember>>

/** How many Star member badges follow `name` on a page (a byline, a reply, a list's "last by"). */
const badgesAfter = (html: string, name: string) =>
  html.split(`>${name}</a> <span class="star-mark" role="img" aria-label="Star member"`).length - 1

const starOf = async (
  pool: { query: (q: string, v: unknown[]) => Promise<{ rows: { star: boolean }[] }> },
  id: number,
) => (await pool.query('SELECT star_since IS NOT NULL AS star FROM users WHERE id = $1', [id])).rows[0]!.star

async function cast(app: Parameters<typeof registerMember>[0], pool: Parameters<typeof setRole>[0]) {
  const [admin, poster, member] = (await Promise.all([
    registerMember(app),
    registerMember(app),
    registerMember(app),
  ])) as [Member, Member, Member]
  await setRole(pool, admin.user.username, 'admin')
  return { admin, poster, member }
}

t.test('an admin gives the star through the API and takes it back; it is logged', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { admin, poster } = await cast(app, pool)
  const url = `/api/members/${poster.user.username.toUpperCase()}/star`

  const given = await app.inject({ method: 'PUT', url, headers: admin.auth })
  t.equal(given.statusCode, 200, given.body)
  t.match(given.json(), { member: { username: poster.user.username, star: true }, changed: true })
  t.ok(Date.parse(given.json().member.starSince), 'since when, as a time')
  t.equal(await starOf(pool, poster.user.id), true, 'stored')
  const again = await app.inject({ method: 'PUT', url, headers: admin.auth })
  t.match(again.json(), { member: { star: true }, changed: false }, 'giving it twice changes nothing')

  const profile = await app.inject({ url: `/api/members/${poster.user.username}` })
  t.match(profile.json(), { member: { star: true } }, 'the profile says so')

  const taken = await app.inject({ method: 'DELETE', url, headers: admin.auth })
  t.match(taken.json(), { member: { star: false, starSince: null }, changed: true })
  t.equal(await starOf(pool, poster.user.id), false)

  const log = await app.inject({ url: '/api/moderation/log' })
  const actions = (log.json().entries as { action: string; actor: string; member: string }[])
    .filter((e) => e.member === poster.user.username)
    .map((e) => [e.action, e.actor])
  t.same(
    actions,
    [
      ['unstar', admin.user.username],
      ['star', admin.user.username],
    ],
    'each change once in the public log, newest first',
  )
  const page = await app.inject({ url: '/moderation/log' })
  t.match(page.body, 'made a Star member:')
  t.match(page.body, 'took the star from')
})

t.test('members and anonymous callers are refused; unknown and deleted members are named', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { admin, poster, member } = await cast(app, pool)
  const url = `/api/members/${poster.user.username}/star`

  const refused = await app.inject({ method: 'PUT', url, headers: member.auth })
  t.equal(refused.statusCode, 403)
  t.same(refused.json(), { error: 'admins_only', message: 'Only admins give and take back the star.' })
  const self = await app.inject({
    method: 'PUT',
    url: `/api/members/${member.user.username}/star`,
    headers: member.auth,
  })
  t.equal(self.statusCode, 403, 'nor on themselves')
  await setRole(pool, member.user.username, 'moderator')
  const moderator = await app.inject({ method: 'PUT', url, headers: member.auth })
  t.equal(moderator.statusCode, 403, 'moderators neither')
  const anonymous = await app.inject({ method: 'PUT', url })
  t.equal(anonymous.statusCode, 401)
  t.equal(anonymous.json().error, 'unauthorized')
  t.equal(await starOf(pool, poster.user.id), false, 'nothing changed')
  t.equal(await starOf(pool, member.user.id), false)
  const logged = await pool.query('SELECT count(*)::int AS n FROM moderation_log WHERE action IN ($1, $2)', [
    'star',
    'unstar',
  ])
  t.equal(logged.rows[0].n, 0, 'and nothing logged')

  const unknown = await app.inject({ method: 'PUT', url: '/api/members/nobody_here/star', headers: admin.auth })
  t.equal(unknown.statusCode, 404)
  t.same(unknown.json(), { error: 'unknown_member', message: 'There is no member called "nobody_here".' })

  const leaver = await registerMember(app)
  await app.inject({ method: 'DELETE', url: '/api/me', headers: leaver.auth, payload: { password: leaver.password } })
  const gone = await app.inject({
    method: 'PUT',
    url: `/api/members/former-member-${leaver.user.id}/star`,
    headers: admin.auth,
  })
  t.equal(gone.statusCode, 409)
  t.equal(gone.json().error, 'account_deleted')
})

t.test('the badge shows beside the name on the next request, in every web process', async (t) => {
  const test = await buildTestApp(t)
  const { app, pool } = test
  const { admin, poster, member } = await cast(app, pool)
  const other = await buildApp(test.config, createLogger('silent', 'test'))
  t.teardown(() => other.close())
  const id = await threadIn(app, poster, 'economy')
  await replyTo(app, poster, id, 'A reply by the poster.')
  await replyTo(app, member, id, 'And one by someone else.')
  const name = poster.user.username

  // Both processes keep the pages without the badge first.
  const pages = ['/', '/forums/economy', `/members?q=${name}`]
  for (const server of [app, other]) {
    t.equal(badgesAfter((await threadPage(server, id)).body, name), 0, 'no star yet')
    for (const url of pages) t.equal(badgesAfter((await server.inject({ url })).body, name), 0, `${url}: no star yet`)
  }

  const given = await other.inject({ method: 'PUT', url: `/api/members/${name}/star`, headers: admin.auth })
  t.equal(given.statusCode, 200, 'given in the other process')
  for (const [server, which] of [
    [app, 'this process'],
    [other, 'the other process'],
  ] as const) {
    const thread = (await threadPage(server, id)).body
    t.equal(badgesAfter(thread, name), 2, `${which}: on the thread's byline and beside the reply`)
    t.equal(badgesAfter(thread, member.user.username), 0, `${which}: not beside another member`)
    t.equal(badgesAfter((await server.inject({ url: '/' })).body, name), 1, `${which}: in Latest Discussions`)
    t.equal(badgesAfter((await server.inject({ url: '/forums/economy' })).body, name), 1, `${which}: on the forum`)
    t.equal(badgesAfter((await server.inject({ url: `/members?q=${name}` })).body, name), 1, `${which}: member list`)
    const profile = (await server.inject({ url: `/members/${name}` })).body
    t.match(profile, '<span class="label star"', `${which}: on their page`)
    const found = (await server.inject({ url: `/search?q=reply+by:${name}` })).body
    t.equal(badgesAfter(found, name), 1, `${which}: in search results`)
    const api = (await server.inject({ url: `/api/search?q=reply+by:${name}` })).json()
    t.match(api.results, [{ author: name, authorStar: true }], `${which}: the search API says so`)
  }
  const json = (await app.inject({ url: `/api/threads/${id}/replies` })).json()
  t.match(json.replies, [{ author: { username: name, star: true } }, { author: { star: false } }], 'the API says so')

  // A reply of the star member makes them the thread's last replier in lists.
  await replyTo(app, poster, id, 'The poster again, last.')
  t.equal(badgesAfter((await other.inject({ url: '/' })).body, name), 2, 'as poster and as the last to reply')

  await app.inject({ method: 'DELETE', url: `/api/members/${name}/star`, headers: admin.auth })
  for (const server of [app, other]) {
    t.equal(badgesAfter((await threadPage(server, id)).body, name), 0, 'taken back: gone from the thread')
    t.equal(badgesAfter((await server.inject({ url: '/' })).body, name), 0, 'and from the lists')
    const found = (await server.inject({ url: `/search?q=reply+by:${name}` })).body
    t.equal(badgesAfter(found, name), 0, 'and from search results')
  }
})

t.test("the member's page has the star form for admins alone", async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { admin, poster, member } = await cast(app, pool)
  const page = `/members/${poster.user.username}`
  const adminCookie = await browserSession(app, admin.user.username, admin.password)
  const memberCookie = await browserSession(app, member.user.username, member.password)

  t.notMatch((await app.inject({ url: page, headers: { cookie: memberCookie } })).body, 'Make a Star member')
  t.notMatch((await app.inject({ url: page })).body, 'Make a Star member')
  t.match((await app.inject({ url: page, headers: { cookie: adminCookie } })).body, 'Make a Star member')

  const refused = await app.inject({ url: `${page}/star`, ...formPost({ star: 'give' }, { cookie: memberCookie }) })
  t.equal(refused.statusCode, 403, 'a member posting the form is refused')
  t.match(refused.body, 'Only admins give and take back the star.', 'in words')
  t.equal(await starOf(pool, poster.user.id), false, 'nothing changed')
  const anonymous = await app.inject({ url: `${page}/star`, ...formPost({ star: 'give' }) })
  t.equal(anonymous.statusCode, 303)
  t.match(anonymous.headers.location, /^\/login\?next=/, 'anonymous: asked to log in')

  const given = await app.inject({ url: `${page}/star`, ...formPost({ star: 'give' }, { cookie: adminCookie }) })
  t.equal(given.statusCode, 303)
  t.equal(given.headers.location, page, 'back to the member')
  const shown = (await app.inject({ url: page, headers: { cookie: adminCookie } })).body
  t.match(shown, '&#9733; Star member')
  t.match(shown, 'Take back the star')
  await app.inject({ url: `${page}/star`, ...formPost({ star: 'remove' }, { cookie: adminCookie }) })
  t.equal(await starOf(pool, poster.user.id), false, 'taken back')
  const bad = await app.inject({ url: `${page}/star`, ...formPost({ star: 'maybe' }, { cookie: adminCookie }) })
  t.equal(bad.statusCode, 400, 'a form that says neither is refused')
})
