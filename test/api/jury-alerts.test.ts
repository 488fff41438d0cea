import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { registerMember } from '../helpers/factories.js'
import {
  ageAccount,
  alert,
  count,
  jurorsOf,
  regulars,
  replyBy,
  scene,
  summoned,
  threadBy,
  quickMember,
  vote,
  type Member,
} from '../helpers/juries.js'

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

t.test('alerts through the API: new members refused, and an hourly limit per member', async (t) => {
  const { app, pool } = await buildTestApp(t, { env: { NEW_MEMBER_DAYS: '3', RATE_ALERTS_PER_HOUR: '2' } })
  const poster = await quickMember(pool)
  await ageAccount(pool, poster, 60)
  const thread = await threadBy(app, pool, poster)
  const replies = [
    await replyBy(app, poster, thread, 'One.'),
    await replyBy(app, poster, thread, 'Two.'),
    await replyBy(app, poster, thread, 'Three.'),
  ]
  const newcomer = await quickMember(pool)
  const refused = await alert(app, newcomer, { replyId: replies[0]!, reason: 'spam' })
  t.equal(refused.statusCode, 403)
  t.equal(refused.json().error, 'new_member')
  t.equal(await count(pool, 'alerts'), 0, 'nothing stored')

  const regular = await quickMember(pool)
  await ageAccount(pool, regular, 60)
  t.equal((await alert(app, regular, { replyId: replies[0]!, reason: 'spam' })).statusCode, 201)
  t.equal((await alert(app, regular, { replyId: replies[1]!, reason: 'spam' })).statusCode, 201)
  const limited = await alert(app, regular, { replyId: replies[2]!, reason: 'spam' })
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().error, 'rate_limited')
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After says when')
  t.equal(await count(pool, 'alerts'), 2)
})
