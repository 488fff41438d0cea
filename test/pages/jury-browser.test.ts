import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, openBrowser, signedInPage, withoutChromium } from '../helpers/browser.js'
import { registerMember } from '../helpers/factories.js'
import { scene, summoned } from '../helpers/juries.js'

t.test(
  'in Chromium: a member alerts a reply, seven jurors hide it, the poster is told',
  { skip: withoutChromium },
  async (t) => {
    const built = await buildTestApp(t, { env: { JURY_SIZE: '7' } })
    const { app, pool } = built
    const { rude, alerter, members, threadId, replyId } = await scene(built, 7, {
      title: 'A heated story',
      reply: 'Only a fool would believe this.',
    })
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)

    const alerting = await signedInPage(browser, base, alerter)
    await alerting.goto(`${base}/threads/${threadId}`)
    await alerting.locator(`#reply-${replyId} a`, { hasText: 'Alert' }).click()
    await alerting.waitForURL(`${base}/alert?reply=${replyId}`)
    if (process.env.SCREENSHOT_DIR)
      await alerting.screenshot({ path: `${process.env.SCREENSHOT_DIR}/alert-form-360.png`, fullPage: true })
    await alerting.getByLabel('Personal attack').check()
    await alerting.getByRole('button', { name: 'Send the alert' }).click()
    await alerting.waitForURL(/\/juries\/\d+\?alerted=1$/)
    t.match(await alerting.locator('.notice').textContent(), 'your alert went to a jury')
    const juryId = Number(/\/juries\/(\d+)/.exec(alerting.url())![1])

    const jurors = await summoned(pool, juryId, members)
    t.equal(jurors.length, 7, 'seven jurors drawn')
    const pages = await Promise.all(jurors.map((juror) => signedInPage(browser, base, juror)))
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

    const poster = await signedInPage(browser, base, rude)
    t.equal(await poster.locator('header .account a[href="/notifications"]').textContent(), 'Inbox (1)')
    t.match(await poster.locator('ol.notifications').textContent(), "the jury's verdict: hidden")
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

    const moderator = await registerMember(app)
    await pool.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderator.user.id])
    const queue = await signedInPage(browser, base, moderator)
    await queue.getByRole('link', { name: 'Moderation', exact: true }).click()
    await queue.waitForURL(`${base}/moderation`)
    t.match(await queue.locator('#decisions').textContent(), 'Hidden (by vote: 4 hide, 0 leave, of 7)')
    t.match(await queue.locator('#alerts').textContent(), 'No open alerts.')
    if (process.env.SCREENSHOT_DIR)
      await queue.screenshot({ path: `${process.env.SCREENSHOT_DIR}/moderation-360.png`, fullPage: true })
  },
)
