import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, registerMember } from '../helpers/factories.js'
import { alert, scene, threadBy, type Member } from '../helpers/juries.js'

t.test('the moderation queue: moderators see every forum, hosts their own, members nothing', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '2' } })
  const { app, pool } = built
  const { alerter, members, replyId } = await scene(built, 3)
  const juryId = (await alert(app, alerter, { replyId, reason: 'copyright' })).json().alert.jury.id as number
  const [moderator, host, otherHost] = (await Promise.all([1, 2, 3].map(() => registerMember(app)))) as Member[]
  await pool.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator!.user.id])
  await pool.query(
    `INSERT INTO forum_hosts (forum_id, member_id) SELECT id, $1::bigint FROM forums WHERE slug = 'the-lounge'
     UNION ALL SELECT id, $2::bigint FROM forums WHERE slug = 'economy'`,
    [host!.user.id, otherHost!.user.id],
  )

  const refused = await app.inject({ url: '/api/moderation/queue', headers: members[0]!.auth })
  t.equal(refused.statusCode, 403)
  t.same(refused.json(), {
    error: 'not_moderator',
    message: 'Only moderators, and hosts for their forums, see the moderation queue.',
  })
  const full = (await app.inject({ url: '/api/moderation/queue', headers: moderator!.auth })).json()
  t.match(full, {
    alerts: [{ juryId, replyId, reason: 'copyright', alerter: alerter.user.username, forum: { slug: 'the-lounge' } }],
    juries: [{ juryId, status: 'open', size: 2, waiting: 2, alerts: 1 }],
    decisions: [],
  })
  const hosted = (await app.inject({ url: '/api/moderation/queue', headers: host!.auth })).json()
  t.equal(hosted.alerts.length, 1, 'a host sees their forum’s alerts')
  const elsewhere = (await app.inject({ url: '/api/moderation/queue', headers: otherHost!.auth })).json()
  t.same(elsewhere, { alerts: [], juries: [], decisions: [], olderBefore: null }, 'and not another forum’s')
  const modView = (await app.inject({ url: `/api/juries/${juryId}`, headers: moderator!.auth })).json().jury
  t.match(modView, { votes: { hide: 0, leave: 0 }, you: { moderator: true } }, 'moderators see the running tally')
})

t.test('recent decisions page by keyset, the latest verdict first', async (t) => {
  const built = await buildTestApp(t)
  const { app, pool } = built
  const poster = await registerMember(app)
  const threadId = await threadBy(app, pool, poster, 'Many verdicts')
  const moderator = await registerMember(app)
  await pool.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id])
  // 55 decided juries, each on a reply of its own, decided a minute apart.
  await pool.query(
    `WITH r AS (
       INSERT INTO replies (thread_id, author_id, body) SELECT $1, $2, 'Reply ' || n FROM generate_series(1, 55) n
       RETURNING id
     )
     INSERT INTO juries (thread_id, reply_id, forum_id, poster_id, size, status, outcome_reason, closes_at, decided_at)
     SELECT $1, r.id, t.forum_id, $2, 7, 'left', 'too_few_votes', now(), now() - make_interval(mins => r.id::int)
     FROM r, threads t WHERE t.id = $1`,
    [threadId, poster.user.id],
  )
  const first = (await app.inject({ url: '/api/moderation/queue', headers: moderator.auth })).json()
  t.equal(first.decisions.length, 50)
  const ids = (d: { replyId: number }[]) => d.map((x) => x.replyId)
  const firstIds = ids(first.decisions)
  t.same(
    firstIds,
    [...firstIds].sort((a, b) => a - b),
    'the latest verdict (the lowest reply id here) first',
  )
  t.type(first.olderBefore, 'number')
  const next = await app.inject({ url: `/api/moderation/queue?before=${first.olderBefore}`, headers: moderator.auth })
  const second = next.json()
  t.equal(second.decisions.length, 5, 'the rest on the next page')
  t.equal(second.olderBefore, null)
  t.notOk(
    ids(second.decisions).some((id) => firstIds.includes(id)),
    'no verdict on both pages',
  )
  const cookie = await browserSession(app, moderator.user.username, moderator.password)
  const page = await app.inject({ url: '/moderation', headers: { cookie } })
  t.match(page.body, `rel="next" href="/moderation?before=${first.olderBefore}#decisions"`)
})
