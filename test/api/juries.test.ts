import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { registerMember } from '../helpers/factories.js'
import {
  ageAccount,
  alert,
  jurorsOf,
  regulars,
  replyBy,
  summoned,
  threadBy,
  vote,
  type Member,
} from '../helpers/juries.js'

type Built = Awaited<ReturnType<typeof buildTestApp>>

/** A thread with a reply to alert, and a lounge where the regulars posted today. */
async function scene(built: Built, jurors: number) {
  const { app, pool } = built
  const poster = await registerMember(app)
  const lounge = await threadBy(app, pool, poster, 'The lounge')
  const threadId = await threadBy(app, pool, poster, 'Alerted story')
  const rude = await registerMember(app)
  await ageAccount(pool, rude, 60)
  const replyId = await replyBy(app, rude, threadId, 'You are all fools.')
  const alerter = await registerMember(app)
  const members = await regulars(app, pool, jurors, lounge)
  return { poster, rude, alerter, members, threadId, replyId, lounge }
}

const count = async (pool: Built['pool'], sql: string, values: unknown[] = []) =>
  Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, values)).rows[0]!.n)

t.test('the draw leaves out every ineligible member, each for its own rule', async (t) => {
  const built = await buildTestApp(t, {
    env: { JURY_SIZE: '30', JURY_MIN_AGE_DAYS: '14', JURY_RECENT_POST_DAYS: '30' },
  })
  const { app, pool } = built
  const { rude, alerter, members, threadId, replyId, lounge, poster } = await scene(built, 3)
  const [eligible, onceSuspended, pastSuspension] = members as [Member, Member, Member]
  // A suspension that has ended no longer bars a member.
  await pool.query(`UPDATE users SET suspended_until = now() - interval '1 day' WHERE id = $1`, [
    pastSuspension.user.id,
  ])
  await pool.query(`UPDATE users SET suspended_until = now() + interval '1 day' WHERE id = $1`, [onceSuspended.user.id])
  const newcomer = (await regulars(app, pool, 1, lounge))[0]!
  await ageAccount(pool, newcomer, 3)
  const quiet = (await regulars(app, pool, 1, lounge))[0]!
  await pool.query(`UPDATE replies SET created_at = now() - interval '45 days' WHERE author_id = $1`, [quiet.user.id])
  const participant = (await regulars(app, pool, 1, lounge))[0]!
  await replyBy(app, participant, threadId, 'I was here first.')
  await ageAccount(pool, alerter, 60)
  await replyBy(app, alerter, lounge, 'Hello.')

  const res = await alert(app, alerter, { replyId, reason: 'personal_attack' })
  t.equal(res.statusCode, 201, res.body)
  const juryId = res.json().alert.jury.id as number
  const drawn = new Set(await jurorsOf(pool, juryId))
  t.ok(drawn.has(eligible.user.id), 'an eligible regular is drawn')
  t.ok(drawn.has(pastSuspension.user.id), 'a member whose suspension ended is drawn')
  t.notOk(drawn.has(onceSuspended.user.id), 'not a suspended member')
  t.notOk(drawn.has(newcomer.user.id), 'not an account younger than JURY_MIN_AGE_DAYS')
  t.notOk(drawn.has(quiet.user.id), 'not a member who has not posted within JURY_RECENT_POST_DAYS')
  t.notOk(drawn.has(participant.user.id), 'not anyone who replied in the thread')
  t.notOk(drawn.has(poster.user.id), 'not the thread’s poster')
  t.notOk(drawn.has(rude.user.id), 'not the alerted post’s author')
  t.notOk(drawn.has(alerter.user.id), 'not the alerter')
  t.equal(drawn.size, 2, 'only the eligible, though the jury has more seats')
  const told = await count(pool, `notifications WHERE kind = 'jury_summons' AND jury_id = $1`, [juryId])
  t.equal(told, 2, 'each juror is summoned through the inbox')
})

t.test('one alert per member per post; alerts join the post’s jury; who may not alert', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { rude, alerter, members, replyId, threadId } = await scene(built, 5)
  const first = await alert(app, alerter, { replyId, reason: 'spam' })
  t.equal(first.statusCode, 201)
  const juryId = first.json().alert.jury.id as number
  t.match(first.json(), { alert: { jury: { id: juryId, status: 'open', outcomeReason: null } } })

  const again = await alert(app, alerter, { replyId, reason: 'off_topic' })
  t.equal(again.statusCode, 409)
  t.same(again.json(), { error: 'already_alerted', message: 'You have already alerted this post.' })

  const other = await registerMember(app)
  const joined = await alert(app, other, { replyId, reason: 'other', note: 'Insults a member.' })
  t.equal(joined.statusCode, 201)
  t.equal(joined.json().alert.jury.id, juryId, 'a second alert joins the same jury')
  t.equal(await count(pool, 'jurors WHERE jury_id = $1', [juryId]), 3, 'and draws nobody more')
  t.equal(await count(pool, 'alerts WHERE jury_id = $1', [juryId]), 2)

  const juror = (await summoned(pool, juryId, members))[0]!
  const asJuror = await alert(app, juror, { replyId, reason: 'spam' })
  t.equal(asJuror.statusCode, 409)
  t.equal(asJuror.json().error, 'on_jury')

  const own = await alert(app, rude, { replyId, reason: 'spam' })
  t.equal(own.statusCode, 403)
  t.same(own.json(), { error: 'own_post', message: 'You cannot alert your own post.' })

  const suspended = await registerMember(app)
  await pool.query(`UPDATE users SET suspended_until = now() + interval '2 days' WHERE id = $1`, [suspended.user.id])
  const refused = await alert(app, suspended, { threadId, reason: 'spam' })
  t.equal(refused.statusCode, 403)
  t.equal(refused.json().error, 'suspended')
  t.type(refused.json().message, 'string')
  t.equal(await count(pool, 'juries WHERE thread_id = $1 AND reply_id IS NULL', [threadId]), 0, 'no jury opened')

  const noReason = await alert(app, other, { threadId, reason: 'other' })
  t.equal(noReason.statusCode, 400)
  t.equal(noReason.json().error, 'note_required')
  const unknown = await alert(app, other, { replyId: 999999, reason: 'spam' })
  t.equal(unknown.statusCode, 404)
  const anonymous = await app.inject({ method: 'POST', url: '/api/alerts', payload: { replyId, reason: 'spam' } })
  t.equal(anonymous.statusCode, 401)
  t.equal(await count(pool, 'alerts'), 2, 'nothing stored for the refused alerts')
})

t.test('a juror votes once, only on their own jury; a decline draws a replacement', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, members, replyId } = await scene(built, 5)
  const juryId = (await alert(app, alerter, { replyId, reason: 'spam' })).json().alert.jury.id as number
  const jurors = await summoned(pool, juryId, members)
  const outsider = members.find((m) => !jurors.includes(m))!
  t.equal(jurors.length, 3)

  const notOn = await vote(app, outsider, juryId, 'hide')
  t.equal(notOn.statusCode, 403)
  t.same(notOn.json(), { error: 'not_juror', message: 'You are not on this jury.' })
  const peek = await app.inject({ url: `/api/juries/${juryId}`, headers: outsider.auth })
  t.equal(peek.statusCode, 403, 'an outsider cannot read the jury either')
  t.equal(await count(pool, `jurors WHERE jury_id = $1 AND status = 'voted'`, [juryId]), 0, 'no vote stored')

  const [first, second] = jurors as [Member, Member, Member]
  t.equal((await vote(app, first, juryId, 'leave', 'Rude but on topic.')).statusCode, 200)
  const twice = await vote(app, first, juryId, 'hide')
  t.equal(twice.statusCode, 409)
  t.same(twice.json(), { error: 'already_voted', message: 'You have already voted on this jury.' })
  const { rows } = await pool.query('SELECT hide_votes, leave_votes FROM juries WHERE id = $1', [juryId])
  t.same(rows[0], { hide_votes: 0, leave_votes: 1 }, 'the second vote changed nothing')

  const seen = await app.inject({ url: `/api/juries/${juryId}`, headers: second.auth })
  t.equal(seen.statusCode, 200)
  t.match(seen.json().jury, {
    status: 'open',
    votes: null,
    post: { kind: 'reply', replyId, body: 'You are all fools.' },
    reasons: [{ reason: 'spam', count: 1 }],
    you: { juror: 'summoned', alerted: false },
  })

  const declined = await app.inject({ method: 'POST', url: `/api/juries/${juryId}/decline`, headers: second.auth })
  t.equal(declined.statusCode, 200)
  t.same(declined.json(), { declined: true, replaced: true })
  const now = await summoned(pool, juryId, members)
  t.equal(now.length, 2, 'two seats still to vote: the replacement and the third juror')
  t.notOk(now.includes(second), 'the decliner is not summoned again')
  const replacement = now.find((m) => !jurors.includes(m))!
  t.ok(replacement, 'a new member is drawn')
  const inbox = (await app.inject({ url: '/api/notifications', headers: replacement.auth })).json().notifications
  t.match(inbox, [{ kind: 'jury_summons', jury: { id: juryId, status: 'open' } }], 'and summoned')
  const afterDecline = await vote(app, second, juryId, 'hide')
  t.equal(afterDecline.statusCode, 409)
  t.equal(afterDecline.json().error, 'declined')
})

t.test('a majority of the seats hides the post; poster and alerter are told; the log records it', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '7' } })
  const { app, pool } = built
  const { alerter, rude, members, replyId, threadId } = await scene(built, 7)
  const juryId = (await alert(app, alerter, { replyId, reason: 'personal_attack' })).json().alert.jury.id as number
  const jurors = await summoned(pool, juryId, members)
  t.equal(jurors.length, 7)
  for (const [i, juror] of jurors.slice(0, 3).entries()) {
    const res = await vote(app, juror, juryId, 'hide', i === 0 ? 'Calling people fools is an attack.' : '')
    t.equal(res.json().jury.status, 'open', `hide vote ${i + 1} of 7 does not decide`)
  }
  t.equal((await vote(app, jurors[3]!, juryId, 'leave', 'Harsh, not abusive.')).json().jury.status, 'open')
  const fourth = await vote(app, jurors[4]!, juryId, 'hide')
  t.match(fourth.json(), { jury: { status: 'hidden', outcomeReason: 'votes' } }, 'the fourth hide is a majority')
  const late = await vote(app, jurors[5]!, juryId, 'leave')
  t.equal(late.statusCode, 409)
  t.equal(late.json().error, 'jury_closed')

  const { rows } = await pool.query('SELECT hidden_at IS NOT NULL AS hidden, hidden_by FROM replies WHERE id = $1', [
    replyId,
  ])
  t.same(rows[0], { hidden: true, hidden_by: 'jury' })
  const log = await pool.query('SELECT actor_id, action, thread_id, reply_id, member_id, details FROM moderation_log')
  t.match(log.rows, [
    {
      actor_id: null,
      action: 'hide_reply',
      thread_id: threadId,
      reply_id: replyId,
      member_id: rude.user.id,
      details: { by: 'jury', juryId, hide: 4, leave: 1, size: 7 },
    },
  ])

  const posterInbox = (await app.inject({ url: '/api/notifications', headers: rude.auth })).json().notifications
  t.match(posterInbox, [{ kind: 'jury_verdict', jury: { id: juryId, status: 'hidden' } }])
  const alerterInbox = (await app.inject({ url: '/api/notifications', headers: alerter.auth })).json().notifications
  t.match(alerterInbox, [{ kind: 'alert_outcome', jury: { id: juryId, status: 'hidden' } }])

  const told = (await app.inject({ url: `/api/juries/${juryId}`, headers: rude.auth })).json().jury
  t.match(told, { status: 'hidden', votes: { hide: 4, leave: 1 }, you: { poster: true, juror: null } })
  t.same(
    told.explanations.map((e: { explanation: string }) => e.explanation).sort(),
    ['Calling people fools is an attack.', 'Harsh, not abusive.'],
    'the poster reads the explanations',
  )
  const names = jurors.map((j) => j.user.username)
  t.notOk(
    names.some((n) => JSON.stringify(told).includes(n)),
    'and never a juror’s name',
  )
  const later = await alert(app, await registerMember(app), { replyId, reason: 'spam' })
  t.equal(later.statusCode, 409, 'a hidden post takes no more alerts')
})

t.test('the deadline: a tie leaves the post (sweep), too few votes leave it (the delayed job)', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '7' } })
  const { app, pool } = built
  const { alerter, members, replyId, threadId, rude } = await scene(built, 7)
  const tied = (await alert(app, alerter, { replyId, reason: 'off_topic' })).json().alert.jury.id as number
  const jurors = await summoned(pool, tied, members)
  for (const [i, juror] of jurors.slice(0, 6).entries())
    t.equal((await vote(app, juror, tied, i % 2 ? 'hide' : 'leave')).json().jury.status, 'open')
  await pool.query(`UPDATE juries SET closes_at = now() - interval '1 second' WHERE id = $1`, [tied])

  // The worker's sweep at start closes a jury whose time is up.
  const worker = await built.startWorker({ sweepIntervalMs: 3_600_000 })
  const waitFor = async (id: number) => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await pool.query('SELECT status, outcome_reason FROM juries WHERE id = $1', [id])
      if (rows[0].status !== 'open') return rows[0]
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`jury ${id} still open`)
  }
  t.same(await waitFor(tied), { status: 'left', outcome_reason: 'tie' })
  const shown = await pool.query('SELECT hidden_at FROM replies WHERE id = $1', [replyId])
  t.equal(shown.rows[0].hidden_at, null, 'a tie leaves the post')

  const thin = (await alert(app, alerter, { threadId, reason: 'spam' })).json().alert.jury.id as number
  const thinJurors = await summoned(pool, thin, members)
  for (const juror of thinJurors.slice(0, 2)) await vote(app, juror, thin, 'hide')
  await pool.query(`UPDATE juries SET closes_at = now() WHERE id = $1`, [thin])
  // The jury's delayed job, due in 24 h, is made due now: the worker runs it, not the (hourly) sweep.
  const backend = built.openQueueBackend()
  const { Queue } = await import('bullmq')
  t.equal(backend.kind, 'redis', 'this test reaches the delayed job through Redis')
  const queue = new Queue('juries', { connection: { url: built.config.redisUrl! }, prefix: built.config.queuePrefix })
  t.teardown(() => queue.close())
  const job = await queue.getJob(`jury-${thin}`)
  t.equal(await job!.getState(), 'delayed', 'the deadline waits as a delayed job')
  await job!.promote()
  t.same(
    await waitFor(thin),
    { status: 'left', outcome_reason: 'too_few_votes' },
    'two hide votes of seven are too few',
  )
  const thread = await pool.query('SELECT hidden_at FROM threads WHERE id = $1', [threadId])
  t.equal(thread.rows[0].hidden_at, null)
  const verdicts = (await app.inject({ url: '/api/notifications', headers: rude.auth })).json().notifications
  t.match(
    verdicts,
    [{ kind: 'jury_verdict', jury: { id: tied, status: 'left' } }],
    'the poster hears of a left post too',
  )
  await worker.close()
  t.equal(await count(pool, 'moderation_log'), 0, 'nothing hidden, nothing logged')
})

t.test('a poster whose posts keep being hidden is suspended for a while', async (t) => {
  const built = await buildTestApp(t, {
    env: { JURY_SIZE: '1', HIDES_BEFORE_SUSPENSION: '2', HIDE_WINDOW_DAYS: '90', SUSPENSION_DAYS: '5' },
  })
  const { app, pool } = built
  const { alerter, rude, members, replyId, threadId } = await scene(built, 1)
  const juror = members[0]!
  const second = await replyBy(app, rude, threadId, 'And idiots too.')
  const hide = async (id: number) => {
    const juryId = (await alert(app, alerter, { replyId: id, reason: 'personal_attack' })).json().alert.jury.id
    return (await vote(app, juror, juryId, 'hide')).json().jury.status
  }
  t.equal(await hide(replyId), 'hidden')
  const before = await pool.query('SELECT suspended_until FROM users WHERE id = $1', [rude.user.id])
  t.equal(before.rows[0].suspended_until, null, 'one hide is not enough')
  t.equal(await hide(second), 'hidden')
  const { rows } = await pool.query(
    `SELECT suspended_until > now() + interval '4 days 23 hours' AND suspended_until <= now() + interval '5 days' AS ok,
       suspended_reason FROM users WHERE id = $1`,
    [rude.user.id],
  )
  t.same(rows[0], { ok: true, suspended_reason: '2 posts hidden in 90 days.' }, 'suspended for SUSPENSION_DAYS')
  const log = await pool.query(`SELECT actor_id, member_id, details FROM moderation_log WHERE action = 'suspend'`)
  t.match(log.rows, [{ actor_id: null, member_id: rude.user.id, details: { by: 'rule', hides: 2, days: 5 } }])
  const refused = await alert(app, rude, { threadId, reason: 'spam' })
  t.equal(refused.statusCode, 403, 'a suspended member cannot alert')
})

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
  t.same(elsewhere, { alerts: [], juries: [], decisions: [] }, 'and not another forum’s')
  const modView = (await app.inject({ url: `/api/juries/${juryId}`, headers: moderator!.auth })).json().jury
  t.match(modView, { votes: { hide: 0, leave: 0 }, you: { moderator: true } }, 'moderators see the running tally')
})
