import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { registerMember } from '../helpers/factories.js'
import { alert, count, replyBy, scene, summoned, vote } from '../helpers/juries.js'

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
  if (!job) throw new Error('the alert did not queue its jury deadline (did adding the job time out?)')
  t.equal(await job.getState(), 'delayed', 'the deadline waits as a delayed job')
  await job.promote()
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
