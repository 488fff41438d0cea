import t from 'tap'
import type { Page } from 'playwright-core'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, openBrowser, signedInPage, withoutChromium } from '../helpers/browser.js'
import { scene, summoned } from '../helpers/juries.js'
import { moderationCast } from '../helpers/moderation.js'

t.test(
  'in Chromium, as a small community would: alert, jury, verdict, log, a host locks and moves, a suspended member tries to reply',
  { skip: withoutChromium },
  async (t) => {
    const built = await buildTestApp(t, { env: { JURY_SIZE: '7' } })
    const { app, pool } = built
    const { rude, alerter, members, threadId, replyId, lounge, poster } = await scene(built, 7, {
      title: 'Council votes on the new tram line',
      reply: 'Only a fool would believe the council.',
    })
    const { host, moderator } = await moderationCast(app, pool, 'the-lounge')
    // What a digest would have shown (the fetcher is not part of this test).
    await pool.query(`UPDATE threads SET site_name = 'City Herald', excerpt = $2 WHERE id = ANY($1)`, [
      [threadId, lounge],
      ['The council meets on Thursday to vote on the tram line through the old town.'],
    ])
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)

    /** Every step's page at 360 px and 1280 px: no sideways scrolling, and screenshots when asked. */
    const look = async (page: Page, name: string) => {
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 800 })
        const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
        t.ok(fits, `${name}: no sideways scrolling at ${width} px`)
        if (process.env.SCREENSHOT_DIR)
          await page.screenshot({
            path: `${process.env.SCREENSHOT_DIR}/modfinish-${name}-${width}.png`,
            fullPage: true,
          })
      }
      await page.setViewportSize({ width: 360, height: 800 })
    }

    // A member alerts the reply.
    const alerting = await signedInPage(browser, base, alerter)
    await alerting.goto(`${base}/threads/${threadId}`)
    await alerting.locator(`#reply-${replyId} a`, { hasText: 'Alert' }).click()
    await alerting.getByLabel('Personal attack').check()
    await alerting.getByLabel(/In your own words/).fill('Calling everyone fools is not an argument.')
    await alerting.getByRole('button', { name: 'Send the alert' }).click()
    await alerting.waitForURL(/\/juries\/\d+\?alerted=1$/)
    const juryId = Number(/\/juries\/(\d+)/.exec(alerting.url())![1])

    // The host's header counts the alert waiting in their forum.
    const hosting = await signedInPage(browser, base, host)
    t.equal(await hosting.locator('header .account a[href="/moderation"]').textContent(), 'Moderation (1)')
    await look(hosting, 'host-header')

    // Seven jurors, each in their own browser, vote.
    const jurors = await summoned(pool, juryId, members)
    t.equal(jurors.length, 7, 'seven jurors drawn')
    const pages = await Promise.all(jurors.map((juror) => signedInPage(browser, base, juror)))
    await pages[0]!.goto(`${base}/juries/${juryId}`)
    t.match(await pages[0]!.locator('.jury-post').textContent(), 'Only a fool would believe the council.')
    await look(pages[0]!, 'juror-before-vote')
    const choices = ['hide', 'hide', 'leave', 'hide', 'hide', 'leave', 'hide'] as const
    for (const [i, page] of pages.entries()) {
      await page.goto(`${base}/juries/${juryId}`)
      if ((await page.locator('.jury-status').getAttribute('data-status')) !== 'open') break
      await page.getByLabel(choices[i] === 'hide' ? 'Hide it' : 'Leave it').check()
      await page
        .getByLabel(/A short explanation/)
        .fill(`Juror ${i + 1}: ${choices[i] === 'hide' ? 'name-calling' : 'rude, not abusive'}.`)
      await page.getByRole('button', { name: 'Vote' }).click()
      await page.locator('.notice').waitFor()
    }
    t.equal(await pages[4]!.locator('.jury-status').getAttribute('data-status'), 'hidden', 'four of seven hide it')
    // After the verdict, a juror sees the stub, not the text.
    await pages[0]!.reload()
    t.notMatch(await pages[0]!.locator('main').textContent(), 'Only a fool would believe the council.')
    t.match(await pages[0]!.locator('.jury-post').textContent(), 'Hidden by a jury.')
    await look(pages[0]!, 'juror-after-verdict')

    // The poster of the reply learns the verdict in their Inbox, with the jurors' explanations.
    const rudePage = await signedInPage(browser, base, rude)
    t.match(await rudePage.locator('ol.notifications').textContent(), "the jury's verdict: hidden")
    await look(rudePage, 'poster-inbox-verdict')
    await rudePage.locator('ol.notifications a.title').first().click()
    await rudePage.waitForURL(`${base}/juries/${juryId}`)
    t.match(
      await rudePage.locator('.jury-post').textContent(),
      'Only a fool would believe the council.',
      'the poster still reads it',
    )
    t.equal(await rudePage.locator('.jury-explanations li').count(), 5, 'each vote cast before the verdict, explained')
    await look(rudePage, 'poster-verdict')

    // The public log shows it, jurors unnamed.
    const reader = await browser.newPage({ viewport: { width: 360, height: 800 } })
    await reader.goto(`${base}/moderation/log`)
    t.match(await reader.locator('main').textContent(), /jury/i)
    const log = await reader.locator('main').textContent()
    t.match(log, /A jury \(4 to hide, 1 to leave, of 7 seats\)\s+hid a reply in/)
    t.notOk(
      jurors.some((j) => log!.includes(j.user.username)),
      'no juror is named',
    )
    await look(reader, 'log-after-verdict')

    // The poster of the thread rewords their words; the host sees the earlier text, locks, then moves the thread.
    await pool.query(`UPDATE threads SET comment = 'Worth a read.' WHERE id = $1`, [threadId])
    const reword = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${threadId}/comment`,
      headers: poster.auth,
      payload: { comment: 'Worth a read: the vote is on Thursday.' },
    })
    t.equal(reword.statusCode, 200)
    await hosting.goto(`${base}/threads/${threadId}`)
    await hosting.getByRole('link', { name: 'Moderate this thread' }).click()
    await hosting.waitForURL(`${base}/threads/${threadId}/moderate`)
    t.match(await hosting.locator('ol.revisions').textContent(), 'Worth a read.')
    await hosting.getByLabel(/Reason/).fill('The discussion went in circles')
    await hosting.getByRole('button', { name: 'Lock' }).click()
    await hosting.waitForURL(`${base}/threads/${threadId}/moderate?done=lock`)
    await look(hosting, 'host-moderate-thread')
    await hosting.getByLabel(/Reason/).fill('A local transport story: Region forum')
    await hosting.getByLabel('Move to forum').selectOption({ index: 0 })
    await hosting.getByRole('button', { name: 'Move' }).click()
    await hosting.waitForURL(/notice=moved/)
    t.match(await hosting.locator('.notice').first().textContent(), 'Moved')
    t.match(await hosting.locator('#reply').textContent(), 'This thread is locked')
    await look(hosting, 'thread-locked-moved')

    const posterPage = await signedInPage(browser, base, poster)
    const inbox = await posterPage.locator('ol.notifications').textContent()
    t.match(inbox, 'A moderator locked your thread: it takes no new replies. Reason: The discussion went in circles')
    t.match(inbox, /A moderator moved your thread to the forum [\w-]+\. Reason: A local transport story/)
    await look(posterPage, 'poster-inbox-moderation')

    // A moderator suspends the rude member, who had the lounge open with a reply typed.
    await rudePage.goto(`${base}/threads/${lounge}`)
    await rudePage.getByLabel('Your reply').fill('You are all wrong, and I will say it again.')
    const modPage = await signedInPage(browser, base, moderator)
    await modPage.goto(`${base}/members/${rude.user.username}/suspension`)
    await modPage.getByLabel('For').selectOption({ index: 1 })
    await modPage.getByLabel(/Reason/).fill('Insults after a jury hid a reply')
    await modPage.getByRole('button', { name: 'Suspend' }).click()
    await modPage.locator('.notice').first().waitFor()
    await rudePage.getByRole('button', { name: 'Post reply' }).click()
    await rudePage.locator('#reply .error').waitFor()
    t.match(await rudePage.locator('#reply .error').textContent(), 'Reason: Insults after a jury hid a reply')
    t.equal(
      await rudePage.locator('#reply textarea').inputValue(),
      'You are all wrong, and I will say it again.',
      'what was typed is kept',
    )
    t.equal(await rudePage.getByRole('button', { name: 'Post reply' }).count(), 0, 'no reply button')
    t.equal(await rudePage.getByRole('button', { name: 'Recommend' }).count(), 0, 'no Recommend button')
    t.equal(
      await rudePage.locator('.reply .actions a', { hasText: 'Alert' }).first().isVisible(),
      false,
      'no Alert link',
    )
    await look(rudePage, 'suspended-reply-refused')
    await rudePage.goto(`${base}/notifications`)
    t.match(await rudePage.locator('ol.notifications').textContent(), 'A moderator suspended you until')
    await look(rudePage, 'suspended-inbox')
    t.equal(
      (await pool.query('SELECT count(*)::int AS n FROM replies WHERE author_id = $1', [rude.user.id])).rows[0].n,
      1,
      'the refused reply was not stored',
    )
  },
)
