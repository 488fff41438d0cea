import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost } from '../helpers/factories.js'
import { alert, count, juryRow, passDeadline, quickMember, replyBy, scene, summoned, vote } from '../helpers/juries.js'
import { moderationCast } from '../helpers/moderation.js'

const juryIdOf = (res: { json(): { alert: { jury: { id: number } } } }) => res.json().alert.jury.id

t.test('a moderator hiding a thread closes the juries on its replies with the thread’s own', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, members, threadId, replyId } = await scene(built, 4)
  const { moderator } = await moderationCast(app, pool, 'the-lounge')
  const other = await quickMember(pool)
  const secondReply = await replyBy(app, other, threadId, 'Buy cheap watches here.')
  const onThread = juryIdOf(await alert(app, alerter, { threadId, reason: 'spam' }))
  const onReply = juryIdOf(await alert(app, alerter, { replyId, reason: 'personal_attack' }))
  const onSecond = juryIdOf(await alert(app, alerter, { replyId: secondReply, reason: 'spam' }))
  const [juror] = await summoned(pool, onReply, members)
  t.equal((await vote(app, juror!, onReply, 'hide', 'Rude.')).json().jury.status, 'open')
  // One jury on a reply already decided: the hide leaves its verdict alone.
  await pool.query(`UPDATE juries SET status = 'left', outcome_reason = 'votes', decided_at = now() WHERE id = $1`, [
    onSecond,
  ])

  const hide = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/hide`,
    headers: moderator.auth,
    payload: { reason: 'Flame war' },
  })
  t.equal(hide.statusCode, 200)
  t.match(await juryRow(pool, onThread), { status: 'overtaken', outcome_reason: 'moderator' }, 'the thread’s jury')
  t.same(
    await juryRow(pool, onReply),
    { status: 'overtaken', outcome_reason: 'thread_hidden', hide_votes: 1, leave_votes: 0 },
    'the reply’s jury, its vote kept',
  )
  t.match(await juryRow(pool, onSecond), { status: 'left', outcome_reason: 'votes' }, 'a decided jury stays decided')
  t.same(
    (await pool.query("SELECT details FROM moderation_log WHERE action = 'hide_thread'")).rows,
    [{ details: { overtookJury: onThread, overtookReplyJuries: [onReply] } }],
    'the hide names the juries it closed',
  )
  t.match((await app.inject({ url: '/moderation/log' })).body, 'closing 1 jury on its replies before their verdicts')

  const [seated] = (await summoned(pool, onReply, members)).filter((m) => m !== juror)
  t.same(
    (await vote(app, seated!, onReply, 'leave')).json(),
    {
      error: 'jury_closed',
      message: 'The thread this post is in was hidden before the jury decided: the jury is closed.',
    },
    'no more votes on it',
  )
  const cookie = await browserSession(app, seated!.user.username, seated!.password)
  const page = (await app.inject({ url: `/juries/${onReply}`, headers: { cookie } })).body
  t.match(page, 'Closed: its thread was hidden before the jury decided')
  t.match(page, 'Your vote is no longer needed: its thread was hidden first')
  const inbox = (await app.inject({ url: '/api/notifications', headers: alerter.auth })).json().notifications
  t.equal(
    inbox.filter((n: { kind: string; jury: { status: string } }) => n.kind === 'alert_outcome').length,
    2,
    'the alerter learns of both juries closed',
  )
  t.equal(await passDeadline(built, onReply), false, 'its deadline does nothing')
})

t.test('a reply its author deletes closes its jury; votes, alerts and text stay on record', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '5' } })
  const { app, pool } = built
  const { alerter, rude, members, replyId } = await scene(built, 5)
  const juryId = juryIdOf(await alert(app, alerter, { replyId, reason: 'personal_attack', note: 'Insults' }))
  const jurors = await summoned(pool, juryId, members)
  t.equal((await vote(app, jurors[0]!, juryId, 'hide', 'Rude.')).statusCode, 200)
  t.equal((await vote(app, jurors[1]!, juryId, 'leave', 'Harsh but fair.')).statusCode, 200)

  const deleted = await app.inject({ method: 'DELETE', url: `/api/replies/${replyId}`, headers: rude.auth })
  t.equal(deleted.statusCode, 200)
  t.same(await juryRow(pool, juryId), {
    status: 'overtaken',
    outcome_reason: 'deleted',
    hide_votes: 1,
    leave_votes: 1,
  })
  t.equal(await count(pool, 'alerts WHERE jury_id = $1', [juryId]), 1, 'the alert stays')
  t.equal(await count(pool, "jurors WHERE jury_id = $1 AND status = 'voted'", [juryId]), 2, 'the votes stay')
  t.same(
    (await pool.query("SELECT body FROM reply_revisions WHERE reply_id = $1 AND replaced_by = 'delete'", [replyId]))
      .rows,
    [{ body: 'You are all fools.' }],
    'the text stays for moderators',
  )
  t.equal(await count(pool, "moderation_log WHERE action = 'hide_reply'"), 0, 'nothing was hidden')

  const late = await vote(app, jurors[2]!, juryId, 'hide')
  t.equal(late.statusCode, 409)
  t.same(late.json(), {
    error: 'jury_closed',
    message: 'Its author deleted this post before the jury decided: the jury is closed.',
  })
  const decline = await app.inject({ method: 'POST', url: `/api/juries/${juryId}/decline`, headers: jurors[2]!.auth })
  t.equal(decline.statusCode, 409, 'nor decline')
  t.equal(await count(pool, 'jurors WHERE jury_id = $1', [juryId]), 5, 'no one else is drawn')
  t.match((await app.inject({ url: `/api/juries/${juryId}`, headers: jurors[2]!.auth })).json().jury, {
    status: 'overtaken',
    outcomeReason: 'deleted',
  })
  t.match((await app.inject({ url: '/api/notifications', headers: alerter.auth })).json().notifications, [
    { kind: 'alert_outcome', jury: { id: juryId, status: 'overtaken', outcomeReason: 'deleted' } },
  ])

  const cookie = await browserSession(app, jurors[2]!.user.username, jurors[2]!.password)
  const page = await app.inject({ url: `/juries/${juryId}`, headers: { cookie } })
  t.match(page.body, 'Closed: its author deleted the post before the jury decided')
  t.match(page.body, '(deleted by its author)', 'the post’s place says so')
  t.notMatch(page.body, 'You are all fools.', 'its text is not shown')
  t.match(page.body, 'Your vote is no longer needed: its author deleted the post first')
  t.notMatch(page.body, 'class="stack jury-vote"', 'no vote form')
  t.match(
    (await app.inject({ url: '/notifications', headers: { cookie } })).body,
    'A jury you were called to was closed: its author deleted the post',
  )
  const sent = await app.inject({ url: `/juries/${juryId}/vote`, ...formPost({ vote: 'hide' }, { cookie }) })
  t.equal(sent.statusCode, 409)
  t.match(sent.body, 'Its author deleted this post before the jury decided')

  t.equal(await passDeadline(built, juryId), false, 'the deadline does nothing')
  t.equal(await count(pool, "notifications WHERE kind = 'jury_verdict'"), 0, 'no verdict is told')
})

t.test('a jury that hides a thread closes the juries on its replies', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '1' } })
  const { app, pool } = built
  const { alerter, members, threadId, replyId } = await scene(built, 3)
  const onThread = juryIdOf(await alert(app, alerter, { threadId, reason: 'spam' }))
  const onReply = juryIdOf(await alert(app, alerter, { replyId, reason: 'personal_attack' }))
  const [juror] = await summoned(pool, onThread, members)
  t.equal((await vote(app, juror!, onThread, 'hide', 'An advert.')).json().jury.status, 'hidden')
  t.match(await juryRow(pool, onReply), { status: 'overtaken', outcome_reason: 'thread_hidden' })
  t.match(
    (await pool.query("SELECT details FROM moderation_log WHERE action = 'hide_thread'")).rows,
    [{ details: { by: 'jury', juryId: onThread, overtookReplyJuries: [onReply] } }],
    'the jury’s hide names the juries it closed',
  )
  t.match((await app.inject({ url: '/api/notifications', headers: alerter.auth })).json().notifications, [
    { kind: 'alert_outcome', jury: { id: onThread, status: 'hidden' } },
    { kind: 'alert_outcome', jury: { id: onReply, status: 'overtaken', outcomeReason: 'thread_hidden' } },
  ])
  t.equal(await passDeadline(built, onReply), false, 'the reply’s deadline does nothing')
  t.equal(await count(pool, "notifications WHERE kind = 'jury_verdict' AND jury_id = $1", [onReply]), 0)
})
