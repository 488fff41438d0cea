import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost } from '../helpers/factories.js'
import { alert, count, juryRow, jurorsOf, passDeadline, scene, summoned, vote } from '../helpers/juries.js'
import { moderationCast } from '../helpers/moderation.js'

t.test(
  'a moderator who hides a post overtakes its jury: jurors can no longer vote, the deadline does nothing',
  async (t) => {
    const built = await buildTestApp(t, { env: { JURY_SIZE: '5' } })
    const { app, pool } = built
    const { alerter, rude, members, replyId } = await scene(built, 5)
    const { moderator } = await moderationCast(app, pool, 'the-lounge')
    const juryId = (await alert(app, alerter, { replyId, reason: 'personal_attack' })).json().alert.jury.id as number
    const jurors = await summoned(pool, juryId, members)
    t.equal((await vote(app, jurors[0]!, juryId, 'hide', 'Rude.')).json().jury.status, 'open')

    const hide = await app.inject({
      method: 'POST',
      url: `/api/replies/${replyId}/hide`,
      headers: moderator.auth,
      payload: { reason: 'A plain insult' },
    })
    t.equal(hide.statusCode, 200)
    t.same(await juryRow(pool, juryId), {
      status: 'overtaken',
      outcome_reason: 'moderator',
      hide_votes: 1,
      leave_votes: 0,
    })
    const log = await pool.query("SELECT actor_id, details FROM moderation_log WHERE action = 'hide_reply'")
    t.same(
      log.rows,
      [{ actor_id: moderator.user.id, details: { overtookJury: juryId } }],
      'the hide names the jury it closed',
    )
    const logPage = await app.inject({ url: '/moderation/log' })
    t.match(logPage.body, /before its jury\S+ verdict, which closed/)

    const late = await vote(app, jurors[1]!, juryId, 'leave')
    t.equal(late.statusCode, 409)
    t.same(late.json(), {
      error: 'jury_closed',
      message: 'A moderator decided on this post before the jury did: the jury is closed.',
    })
    const declined = await app.inject({
      method: 'POST',
      url: `/api/juries/${juryId}/decline`,
      headers: jurors[1]!.auth,
    })
    t.equal(declined.statusCode, 409, 'nor decline')
    t.equal(await count(pool, 'jurors WHERE jury_id = $1', [juryId]), 5, 'and no one else is drawn')
    t.match((await app.inject({ url: `/api/juries/${juryId}`, headers: jurors[1]!.auth })).json().jury, {
      status: 'overtaken',
      outcomeReason: 'moderator',
      you: { juror: 'summoned' },
    })
    const alerterInbox = (await app.inject({ url: '/api/notifications', headers: alerter.auth })).json().notifications
    t.match(
      alerterInbox,
      [{ kind: 'alert_outcome', jury: { id: juryId, status: 'overtaken' } }],
      'the alerter learns it',
    )
    const rudeInbox = (await app.inject({ url: '/api/notifications', headers: rude.auth })).json().notifications
    t.match(rudeInbox, [{ kind: 'moderation', moderation: { action: 'hide_reply' } }], 'the poster hears of the hide')
    t.notOk(
      rudeInbox.some((n: { kind: string }) => n.kind === 'jury_verdict'),
      'and of no verdict',
    )

    // The page: the closed jury instead of the form, and a vote sent from a page read before says why.
    const cookie = await browserSession(app, jurors[2]!.user.username, jurors[2]!.password)
    const page = await app.inject({ url: `/juries/${juryId}`, headers: { cookie } })
    t.equal(page.statusCode, 200)
    t.match(page.body, 'Closed: a moderator hid the post before the jury decided')
    t.match(page.body, 'Your vote is no longer needed')
    t.notMatch(page.body, 'class="stack jury-vote"', 'no vote form')
    const inbox = await app.inject({ url: '/notifications', headers: { cookie } })
    t.match(
      inbox.body,
      'A jury you were called to was closed: a moderator decided first',
      'the summons in the Inbox says so',
    )
    const sent = await app.inject({ url: `/juries/${juryId}/vote`, ...formPost({ vote: 'hide' }, { cookie }) })
    t.equal(sent.statusCode, 409)
    t.match(sent.body, 'A moderator decided on this post before the jury did')

    // Its deadline comes and goes: nothing changes, no verdict is told.
    t.equal(await passDeadline(built, juryId), false, 'the deadline job does nothing')
    t.equal((await juryRow(pool, juryId)).status, 'overtaken')
    t.equal(await count(pool, "notifications WHERE kind = 'jury_verdict'"), 0)

    // Shown again, the post keeps its closed jury: no new vote.
    const unhide = await app.inject({
      method: 'POST',
      url: `/api/replies/${replyId}/unhide`,
      headers: moderator.auth,
      payload: { reason: 'On second thought' },
    })
    t.equal(unhide.statusCode, 200)
    t.equal((await pool.query('SELECT hidden_at FROM replies WHERE id = $1', [replyId])).rows[0].hidden_at, null)
    t.equal((await juryRow(pool, juryId)).status, 'overtaken', 'the jury stays closed')
    t.equal((await vote(app, jurors[3]!, juryId, 'hide')).statusCode, 409)
  },
)

t.test('a host hiding a thread in their forum overtakes the thread’s jury', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, members, threadId } = await scene(built, 3)
  const { host } = await moderationCast(app, pool, 'the-lounge')
  const juryId = (await alert(app, alerter, { threadId, reason: 'spam' })).json().alert.jury.id as number
  const hide = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/hide`,
    headers: host.auth,
    payload: { reason: 'Advertising' },
  })
  t.equal(hide.statusCode, 200)
  t.match(await juryRow(pool, juryId), { status: 'overtaken', outcome_reason: 'moderator' })
  const [juror] = await summoned(pool, juryId, members)
  t.equal((await vote(app, juror!, juryId, 'hide')).json().error, 'jury_closed')
  // A hide with no jury sitting names none.
  const again = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/hide`,
    headers: host.auth,
    payload: { reason: 'Advertising' },
  })
  t.equal(again.statusCode, 200)
  t.same(
    (await pool.query("SELECT details FROM moderation_log WHERE action = 'hide_thread'")).rows,
    [{ details: { overtookJury: juryId } }],
    'hiding a hidden thread changes and logs nothing',
  )
})

t.test('a juror suspended after the summons cannot vote, and another member takes the seat', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, members, replyId } = await scene(built, 5)
  const { moderator } = await moderationCast(app, pool, 'the-lounge')
  const juryId = (await alert(app, alerter, { replyId, reason: 'off_topic' })).json().alert.jury.id as number
  const [juror, other] = await summoned(pool, juryId, members)
  const before = await jurorsOf(pool, juryId)
  t.equal(before.length, 3)
  const unreadSummons = async () =>
    count(pool, "notifications WHERE member_id = $1 AND kind = 'jury_summons' AND read_at IS NULL", [juror!.user.id])
  t.equal(await unreadSummons(), 1)

  const suspend = await app.inject({
    method: 'POST',
    url: `/api/members/${juror!.user.username}/suspend`,
    headers: moderator.auth,
    payload: { hours: 24, reason: 'Spamming links' },
  })
  t.equal(suspend.statusCode, 200)
  t.same(await jurorsOf(pool, juryId, 'dismissed'), [juror!.user.id], 'the seat is left')
  const now = await jurorsOf(pool, juryId)
  t.equal(now.length, 3, 'a replacement is drawn')
  t.notOk(now.includes(juror!.user.id))
  const [replacement] = now.filter((id) => !before.includes(id))
  t.ok(replacement, 'a member not drawn before')
  t.equal(
    await count(pool, "notifications WHERE member_id = $1 AND kind = 'jury_summons' AND jury_id = $2", [
      replacement,
      juryId,
    ]),
    1,
    'who is summoned',
  )
  t.equal(await unreadSummons(), 0, 'the suspended juror’s summons no longer waits')

  const refused = await vote(app, juror!, juryId, 'hide')
  t.equal(refused.statusCode, 403)
  t.equal(refused.json().error, 'suspended')
  t.match(await juryRow(pool, juryId), { hide_votes: 0, leave_votes: 0 }, 'no vote counted')
  t.equal((await vote(app, other!, juryId, 'leave')).statusCode, 200, 'the others still vote')

  const cookie = await browserSession(app, juror!.user.username, juror!.password)
  const page = await app.inject({ url: `/juries/${juryId}`, headers: { cookie } })
  t.equal(page.statusCode, 200)
  t.match(page.body, /You are suspended until [^<]+: you cannot vote on this jury\./)
  t.match(page.body, 'another member was drawn in your place')
  t.notMatch(page.body, 'class="stack jury-vote"', 'no vote form')
  const sent = await app.inject({ url: `/juries/${juryId}/vote`, ...formPost({ vote: 'hide' }, { cookie }) })
  t.equal(sent.statusCode, 403)
  t.match(sent.body, 'You are suspended')
  t.notMatch(sent.body, 'class="stack jury-vote"')

  // Reinstated before the deadline, they stay off the jury: their seat was given away.
  await app.inject({
    method: 'POST',
    url: `/api/members/${juror!.user.username}/unsuspend`,
    headers: moderator.auth,
    payload: { reason: 'Mistaken' },
  })
  const after = await vote(app, juror!, juryId, 'hide')
  t.equal(after.statusCode, 409)
  t.equal(after.json().error, 'dismissed')
})

t.test('the repeat-hide rule’s suspension frees the poster’s jury seats too', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '1', HIDES_BEFORE_SUSPENSION: '1' } })
  const { app, pool } = built
  const { alerter, members, replyId, rude, threadId } = await scene(built, 3)
  // `rude` serves on a jury elsewhere, then loses a post to another jury.
  const otherThread = (
    await pool.query<{ id: number }>('SELECT id FROM threads WHERE id <> $1 AND title = $2', [threadId, 'The lounge'])
  ).rows[0]!.id
  await pool.query("UPDATE users SET created_at = now() - interval '60 days' WHERE id = $1", [rude.user.id])
  const elsewhere = (await alert(app, alerter, { threadId: otherThread, reason: 'spam' })).json().alert.jury
    .id as number
  await pool.query('DELETE FROM jurors WHERE jury_id = $1', [elsewhere])
  await pool.query('INSERT INTO jurors (jury_id, member_id) VALUES ($1, $2)', [elsewhere, rude.user.id])

  const juryId = (await alert(app, alerter, { replyId, reason: 'personal_attack' })).json().alert.jury.id as number
  const [juror] = await summoned(pool, juryId, members)
  t.equal((await vote(app, juror!, juryId, 'hide')).json().jury.status, 'hidden')
  t.ok((await pool.query('SELECT suspended_until FROM users WHERE id = $1', [rude.user.id])).rows[0].suspended_until)
  t.same(await jurorsOf(pool, elsewhere, 'dismissed'), [rude.user.id], 'the poster leaves their seat elsewhere')
  t.same(await jurorsOf(pool, elsewhere), [], 'no one else is eligible there: the regulars took part in that thread')
})
