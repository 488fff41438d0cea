import t from 'tap'
import type { Browser } from 'playwright-core'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, openBrowser, withoutChromium } from '../helpers/browser.js'
import { browserSession, formPost, registerMember } from '../helpers/factories.js'
import { ageAccount, alert, regulars, replyBy, summoned, threadBy, type Member } from '../helpers/juries.js'

type Built = Awaited<ReturnType<typeof buildTestApp>>

async function scene(built: Built, jurors: number) {
  const { app, pool } = built
  const poster = await registerMember(app)
  const lounge = await threadBy(app, pool, poster, 'The lounge')
  const threadId = await threadBy(app, pool, poster, 'A heated story')
  const rude = await registerMember(app)
  await ageAccount(pool, rude, 60)
  const replyId = await replyBy(app, rude, threadId, 'Only a fool would believe this.')
  const alerter = await registerMember(app)
  const members = await regulars(app, pool, jurors, lounge)
  return { rude, alerter, members, threadId, replyId }
}

t.test('the alert form: an Alert link on each post, refusals re-shown with what was typed', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, threadId, replyId } = await scene(built, 3)
  const page = await app.inject({ url: `/threads/${threadId}` })
  t.match(page.body, `href="/alert?reply=${replyId}"`, 'each reply has an Alert link')
  t.match(page.body, `href="/alert?thread=${threadId}"`, 'so has the thread')

  const anonymous = await app.inject({ url: `/alert?reply=${replyId}` })
  t.equal(anonymous.statusCode, 303)
  t.match(anonymous.headers.location, /^\/login\?next=/)

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
  t.match(noVote.body, 'Choose “Leave it” or “Hide it”.')
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

/** Logs a member in, in a browser context of their own. */
async function signIn(browser: Browser, base: string, member: Member) {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
  const page = await context.newPage()
  await page.goto(`${base}/login?next=/notifications`)
  await page.getByLabel('Username').fill(member.user.username)
  await page.getByLabel('Password').fill(member.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForURL(`${base}/notifications`)
  return page
}

t.test(
  'in Chromium: a member alerts a reply, seven jurors hide it, the poster is told',
  { skip: withoutChromium },
  async (t) => {
    const built = await buildTestApp(t, { env: { JURY_SIZE: '7' } })
    const { app, pool } = built
    const { rude, alerter, members, threadId, replyId } = await scene(built, 7)
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)

    const alerting = await signIn(browser, base, alerter)
    await alerting.goto(`${base}/threads/${threadId}`)
    await alerting.locator(`#reply-${replyId} a`, { hasText: 'Alert' }).click()
    await alerting.waitForURL(`${base}/alert?reply=${replyId}`)
    await alerting.getByLabel('Personal attack').check()
    await alerting.getByRole('button', { name: 'Send the alert' }).click()
    await alerting.waitForURL(/\/juries\/\d+\?alerted=1$/)
    t.match(await alerting.locator('.notice').textContent(), 'your alert went to a jury')
    const juryId = Number(/\/juries\/(\d+)/.exec(alerting.url())![1])

    const jurors = await summoned(pool, juryId, members)
    t.equal(jurors.length, 7, 'seven jurors drawn')
    const pages = await Promise.all(jurors.map((juror) => signIn(browser, base, juror)))
    // Every juror reads the post before any votes, as jurors called at once would.
    for (const [i, page] of pages.entries()) {
      await page.getByRole('link', { name: 'A heated story' }).click()
      await page.waitForURL(`${base}/juries/${juryId}`)
      t.match(
        await page.locator('.jury-post').textContent(),
        'Only a fool would believe this.',
        `juror ${i + 1} reads it`,
      )
    }
    for (const [i, page] of pages.entries()) {
      await page.getByLabel('Hide it').check()
      await page.getByLabel(/A short explanation/).fill(`Juror note ${i + 1}: name-calling.`)
      await page.getByRole('button', { name: 'Vote' }).click()
      // The answer (the jury page again) carries a notice: "you voted", or the verdict came first.
      await page.locator('.notice').waitFor()
      const status = await page.locator('.jury-status').getAttribute('data-status')
      t.equal(status, i < 3 ? 'open' : 'hidden', `after vote ${i + 1}`)
      if (i < 4) t.match(await page.locator('.notice').textContent(), 'You voted to hide it.')
    }
    t.match(
      await pages[6]!.locator('.notice').textContent(),
      'The jury reached its verdict before your vote.',
      'a juror whose vote came after the majority sees the verdict',
    )
    if (process.env.SCREENSHOT_DIR)
      await pages[3]!.screenshot({ path: `${process.env.SCREENSHOT_DIR}/jury-verdict-360.png`, fullPage: true })

    const poster = await signIn(browser, base, rude)
    t.equal(await poster.locator('header .account a[href="/notifications"]').textContent(), 'Inbox (1)')
    t.match(await poster.locator('ol.notifications').textContent(), 'the jury’s verdict: hidden')
    await poster.getByRole('link', { name: 'A heated story' }).click()
    await poster.waitForURL(`${base}/juries/${juryId}`)
    t.match(await poster.locator('.jury-status').textContent(), 'Verdict: hidden')
    const explanations = await poster.locator('.jury-explanations li').allTextContents()
    t.equal(explanations.length, 4, 'the four votes that counted, each with its explanation')
    t.ok(explanations.every((e) => /Hide it: Juror note \d: name-calling\./.test(e)))
    const body = await poster.locator('main').textContent()
    t.notOk(
      jurors.some((j) => body!.includes(j.user.username)),
      'no juror is named',
    )
    await poster.setViewportSize({ width: 1280, height: 800 })
    const wide = await poster.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
    t.ok(wide, 'no sideways scrolling at 1280 px')

    const { rows } = await pool.query(
      `SELECT r.hidden_by, l.action, l.reply_id, l.member_id FROM replies r
       JOIN moderation_log l ON l.reply_id = r.id WHERE r.id = $1`,
      [replyId],
    )
    t.same(rows, [{ hidden_by: 'jury', action: 'hide_reply', reply_id: replyId, member_id: rude.user.id }])
    await alerting.goto(`${base}/notifications`)
    t.match(await alerting.locator('ol.notifications').textContent(), 'The post you alerted in this thread: hidden')
  },
)
