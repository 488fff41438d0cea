import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

t.test('a host locks and moves a thread, and the public log shows it', { skip: withoutChromium }, async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, member, poster } = await moderationCast(app, pool, 'economy')
  const id = await threadIn(app, poster, 'economy', '/misfiled')
  await replyTo(app, member, id, 'First!')
  const base = await listenOnLoopback(app)
  const browser = await openBrowser(t)

  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } })
    page.setDefaultTimeout(30_000)
    await logIn(page, base, host, `/threads/${id}`)
    if (width === 360) {
      t.ok(
        await page.getByRole('link', { name: 'Moderate', exact: true }).first().isVisible(),
        'the replies’ Moderate links show for the host',
      )
      await page.getByRole('link', { name: 'Moderate this thread' }).click()
      await page.getByLabel(/^Reason/).fill('Flame war; cooling off')
      await page.getByRole('button', { name: 'Lock', exact: true }).click()
      await page.getByText('Locked: the thread takes no new replies.').waitFor()
      const formWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      t.ok(formWidth <= width, `the moderation page fits ${width}px`)
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/moderate-thread-${width}.png`, fullPage: true })
      await page.getByLabel('Move to forum').selectOption({ label: 'Issue Forums » Health' })
      await page.getByLabel(/^Reason/).fill('About hospitals, not money')
      await page.getByRole('button', { name: 'Move' }).click()
      await page.getByText('Moved: the thread is in this forum now.').waitFor()
      t.match(await page.locator('nav.crumbs').textContent(), 'Health', 'it is in Health now')
      await page.getByText('This thread is locked: it takes no new replies.').waitFor()
      t.equal(await page.getByLabel('Your reply').count(), 0, 'no reply form')
      t.equal(await page.getByRole('link', { name: 'Moderate this thread' }).count(), 0, 'not their forum any more')
    }

    await page.getByRole('link', { name: 'Moderation log' }).click()
    const entries = page.locator('ol.moderation-log li')
    const move = (await entries.nth(0).textContent())!.replace(/\s+/g, ' ')
    t.match(move, `${host.user.username} moved`)
    t.match(move, 'to health')
    t.match(move, 'Why: About hospitals, not money')
    const lock = (await entries.nth(1).textContent())!.replace(/\s+/g, ' ')
    t.match(lock, `${host.user.username} locked`)
    t.match(lock, 'Why: Flame war; cooling off')
    await page.getByLabel('Forum').selectOption({ label: 'Issue Forums » Economy' })
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL(/forum=economy/)
    t.equal(await page.locator('h1').textContent(), 'Moderation log of Economy')
    t.equal(await entries.count(), 3, 'the move, the lock and naming the host')
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(scrollWidth <= width, `no sideways scrolling at ${width}px`)
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/moderation-log-${width}.png`, fullPage: true })
    await page.close()
  }
  const { rows } = await pool.query(
    `SELECT f.slug, t.locked_at IS NOT NULL AS locked FROM threads t JOIN forums f ON f.id = t.forum_id WHERE t.id = $1`,
    [id],
  )
  t.same(rows, [{ slug: 'health', locked: true }])
})
