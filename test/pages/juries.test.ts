import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, registerMember } from '../helpers/factories.js'
import { alert, scene as sharedScene, summoned, type Member } from '../helpers/juries.js'
import { asSent } from '../helpers/as-sent.js'

type Built = Awaited<ReturnType<typeof buildTestApp>>

const scene = (built: Built, jurors: number) =>
  sharedScene(built, jurors, { title: 'A heated story', reply: 'Only a fool would believe this.' })

t.test('the alert form: an Alert link on each post, refusals re-shown with what was typed', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, rude, threadId, replyId } = await scene(built, 3)
  const moved = await app.inject({ url: `/threads/${threadId}` })
  // A thread's page lives at its readable address.
  const page = moved.statusCode === 200 ? moved : await app.inject({ url: moved.headers.location as string })
  t.match(page.body, `href="/alert?reply=${replyId}"`, 'each reply has an Alert link')
  t.match(page.body, `href="/alert?thread=${threadId}"`, 'so has the thread')

  const anonymous = await app.inject({ url: `/alert?reply=${replyId}` })
  t.equal(anonymous.statusCode, 303)
  t.match(anonymous.headers.location, /^\/login\?next=/)

  const rudeCookie = await browserSession(app, rude.user.username, rude.password)
  const own = await app.inject({ url: `/alert?reply=${replyId}`, headers: { cookie: rudeCookie } })
  t.equal(own.statusCode, 403, 'nobody alerts their own post')
  t.match(own.body, 'You cannot alert your own post.')

  const cookie = await browserSession(app, alerter.user.username, alerter.password)
  const form = await app.inject({ url: `/alert?reply=${replyId}`, headers: { cookie } })
  t.equal(form.statusCode, 200)
  t.match(form.body, 'Only a fool would believe this.', 'the form shows the post')
  t.match(form.body, 'name="reply" value="' + replyId + '"')

  const noReason = await app.inject({
    url: '/alert',
    ...formPost({ reply: String(replyId), note: 'My words stay.' }, { cookie }),
  })
  t.equal(noReason.statusCode, 400)
  t.match(noReason.body, 'Choose what is wrong with the post.')
  t.match(noReason.body, 'My words stay.</textarea>', 'what was typed is shown again')
  const other = await app.inject({
    url: '/alert',
    ...formPost({ reply: String(replyId), reason: 'other' }, { cookie }),
  })
  t.equal(other.statusCode, 400)
  t.match(other.body, 'Say what is wrong with the post.')
  t.match(other.body, /value="other" required checked/, 'the choice stays made')
  t.equal(Number((await pool.query('SELECT count(*) AS n FROM alerts')).rows[0].n), 0)

  const sent = await app.inject({
    url: '/alert',
    ...formPost({ reply: String(replyId), reason: 'personal_attack', note: '' }, { cookie }),
  })
  t.equal(sent.statusCode, 303)
  t.match(sent.headers.location, /^\/juries\/\d+\?alerted=1$/)
  const jury = await app.inject({ url: sent.headers.location as string, headers: { cookie } })
  t.match(jury.body, 'your alert went to a jury of members')
  t.match(jury.body, 'Personal attack')
  t.notMatch(jury.body, 'name="vote"', 'the alerter does not vote')
  const again = await app.inject({
    url: '/alert',
    ...formPost({ reply: String(replyId), reason: 'spam', note: 'Twice.' }, { cookie }),
  })
  t.equal(again.statusCode, 409)
  t.match(again.body, 'You have already alerted this post.')
  t.match(again.body, 'Twice.</textarea>')
})

t.test('the jury page: jurors vote through a form; others are refused; the queue page', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, members, replyId } = await scene(built, 4)
  const juryId = (await alert(app, alerter, { replyId, reason: 'off_topic' })).json().alert.jury.id as number
  const jurors = await summoned(pool, juryId, members)
  const outsider = members.find((m) => !jurors.includes(m))!
  const [juror] = jurors as [Member]
  const cookie = await browserSession(app, juror.user.username, juror.password)

  const inbox = await app.inject({ url: '/notifications', headers: { cookie } })
  t.match(inbox.body, 'You are called to a jury')
  const id = /href="\/notifications\/(\d+)"/.exec(inbox.body)![1]
  const opened = await app.inject({ url: `/notifications/${id}`, headers: { cookie } })
  t.equal(opened.headers.location, `/juries/${juryId}`, 'the summons leads to the jury')

  const page = await app.inject({ url: `/juries/${juryId}`, headers: { cookie } })
  t.match(page.body, 'Only a fool would believe this.')
  t.match(page.body, 'Off-topic')
  t.match(page.body, 'name="vote" value="hide"')

  const noVote = await app.inject({
    url: `/juries/${juryId}/vote`,
    ...formPost({ explanation: 'Kept when refused.' }, { cookie }),
  })
  t.equal(noVote.statusCode, 400)
  t.match(noVote.body, asSent('Choose “Leave it” or “Hide it”.'))
  t.match(noVote.body, 'Kept when refused.</textarea>')
  const voted = await app.inject({
    url: `/juries/${juryId}/vote`,
    ...formPost({ vote: 'leave', explanation: 'On topic enough.' }, { cookie }),
  })
  t.equal(voted.statusCode, 303)
  t.match((await app.inject({ url: `/juries/${juryId}`, headers: { cookie } })).body, 'You voted to leave it.')

  const outsiderCookie = await browserSession(app, outsider.user.username, outsider.password)
  const refused = await app.inject({ url: `/juries/${juryId}`, headers: { cookie: outsiderCookie } })
  t.equal(refused.statusCode, 403)
  const postVote = await app.inject({
    url: `/juries/${juryId}/vote`,
    ...formPost({ vote: 'hide', explanation: '' }, { cookie: outsiderCookie }),
  })
  t.equal(postVote.statusCode, 403)
  const { rows } = await pool.query('SELECT hide_votes, leave_votes FROM juries WHERE id = $1', [juryId])
  t.same(rows[0], { hide_votes: 0, leave_votes: 1 }, 'the outsider’s vote changed nothing')

  t.equal((await app.inject({ url: '/moderation', headers: { cookie } })).statusCode, 403, 'members see no queue')
  const moderator = await registerMember(app)
  await pool.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id])
  const modCookie = await browserSession(app, moderator.user.username, moderator.password)
  const queue = await app.inject({ url: '/moderation', headers: { cookie: modCookie } })
  t.equal(queue.statusCode, 200)
  t.match(queue.body, 'Open alerts')
  t.match(queue.body, `alerted by ${alerter.user.username}`)
  t.match(queue.body, '0 hide, 1 leave, 2 still to vote, of 3')
  t.match(queue.body, 'No verdicts yet.')
  t.match(queue.body, 'href="/moderation"', 'the header links moderators to the queue')
})
