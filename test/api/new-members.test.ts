import t from 'tap'
import { refuseAlertFromNewMember } from '../../src/abuse/new-members.js'
import { AppError } from '../../src/errors.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember } from '../helpers/factories.js'

t.test('new members: links only from known sites, a lower rate, marked on their page', async (t) => {
  const { app, pool } = await buildTestApp(t, { env: { NEW_MEMBER_DAYS: '3', NEW_MEMBER_LINKS_PER_HOUR: '3' } })
  const newcomer = await registerMember(app)
  const regular = await registerMember(app)
  // Registered four days ago (before its first request, so no session memory holds the old date).
  await pool.query(`UPDATE users SET created_at = now() - interval '4 days' WHERE id = $1`, [regular.user.id])

  const unknown = await postLink(app, newcomer.auth, { url: 'http://127.0.0.1:9/first-story', forum: 'the-lounge' })
  t.equal(unknown.statusCode, 403)
  t.same(unknown.json(), {
    error: 'new_member_link',
    message:
      'New members can post links only from sites already posted here, for their first 3 days; 127.0.0.1 is new to this forum.',
  })
  t.equal((await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0].n, 0, 'no thread was made')

  const cookie = await browserSession(app, newcomer.user.username, newcomer.password)
  const form = await app.inject({
    url: '/post',
    ...formPost({ url: 'http://127.0.0.1:9/first-story', comment: 'Worth a read.', forum: 'the-lounge' }, { cookie }),
  })
  t.equal(form.statusCode, 403)
  t.match(form.body, 'New members can post links only from sites already posted here')
  t.match(form.body, 'Worth a read.', 'the comment is kept')

  const known = await postLink(app, regular.auth, { url: 'http://127.0.0.1:9/regular', forum: 'the-lounge' })
  t.equal(known.statusCode, 202, 'a member past their first days posts from any site')
  t.same((await pool.query('SELECT site FROM known_sites')).rows, [{ site: '127.0.0.1' }])

  const fromKnown = [
    await postLink(app, newcomer.auth, { url: 'http://127.0.0.1:9/first-story', forum: 'the-lounge' }),
    await postLink(app, newcomer.auth, { url: 'http://127.0.0.1:9/second-story', forum: 'the-lounge' }),
  ]
  t.same(
    fromKnown.map((r) => r.statusCode),
    [202, 429],
    'the two refused attempts above counted too',
  )
  t.match(
    fromKnown[1]!.json().message,
    /^New members have a limit of 3 links an hour for their first 3 days; try again in \d+ minutes\.$/,
  )
  for (let i = 0; i < 3; i++)
    t.equal(
      (await postLink(app, regular.auth, { url: `http://127.0.0.1:9/regular-${i}`, forum: 'the-lounge' })).statusCode,
      202,
      'a regular member keeps the higher limit',
    )

  const page = await app.inject({ url: `/members/${newcomer.user.username}` })
  t.match(page.body, />New member<\/span><\/h1>/)
  t.notMatch((await app.inject({ url: `/members/${regular.user.username}` })).body, 'New member')
  t.equal((await app.inject({ url: `/api/members/${newcomer.user.username}` })).json().member.newMember, true)
  t.equal((await app.inject({ url: `/api/members/${regular.user.username}` })).json().member.newMember, false)
})

t.test('new members send no alerts', async (t) => {
  const day = 24 * 3600_000
  const refusal = t.throws(() => refuseAlertFromNewMember({ createdAt: new Date(Date.now() - day) }, 3))
  t.ok(refusal instanceof AppError && refusal.status === 403 && refusal.code === 'new_member')
  t.match((refusal as Error).message, 'New members can send alerts once they have been here 3 days')
  t.doesNotThrow(() => refuseAlertFromNewMember({ createdAt: new Date(Date.now() - 4 * day) }, 3))
  t.doesNotThrow(() => refuseAlertFromNewMember({ createdAt: new Date() }, 0), 'NEW_MEMBER_DAYS=0: nobody is new')
})

t.test('on a forum where everyone is new, the first members can post links from any site', async (t) => {
  const { app, pool } = await buildTestApp(t, { env: { NEW_MEMBER_DAYS: '3' } })
  const first = await registerMember(app)
  const posted = await postLink(app, first.auth, { url: 'http://127.0.0.1:9/opening-story', forum: 'the-lounge' })
  t.equal(posted.statusCode, 202, 'no site is known yet, and nobody has been here longer')
  t.equal((await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0].n, 1)
})
