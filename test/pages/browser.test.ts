import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { uniqueName } from '../helpers/factories.js'
import { EDITORIAL } from '../fixtures/expected.js'
import { listenOnLoopback, openBrowser, withoutChromium } from '../helpers/browser.js'

t.test('a newcomer registers, posts a link and replies, in a real browser', { skip: withoutChromium }, async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const base = await listenOnLoopback(app)

  const browser = await openBrowser(t)
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: 'America/New_York' })
  page.setDefaultTimeout(30_000)

  await page.goto(`${base}/`)
  t.equal(await page.locator('h1').textContent(), 'Latest Discussions')
  await page.getByRole('link', { name: 'Register' }).click()
  const username = uniqueName('reader')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill('a long enough password')
  await page.getByRole('button', { name: 'Register' }).click()
  await page.waitForURL(`${base}/`)
  t.match(await page.locator('header .account').textContent(), username)

  await page.getByRole('link', { name: 'Forums', exact: true }).click()
  await page.getByRole('link', { name: 'Editorials & Other Articles' }).click()
  await page.getByRole('link', { name: 'Post a link' }).click()
  t.equal(await page.getByLabel('Forum').inputValue(), 'editorials', "the forum's own link chooses it")
  await page.getByLabel('Link to the article').fill(fixtures.url('/editorial.html'))
  await page.getByRole('button', { name: 'Post' }).click()
  await page.waitForURL(/\/threads\/\d+$/)

  // The page refreshes itself until the worker has stored the digest.
  await page.locator('blockquote.excerpt p').first().waitFor()
  const crumbs = (await page.locator('nav.crumbs').textContent())!.replace(/\s+/g, ' ').trim()
  t.match(crumbs, /^Latest Discussions » Issue Forums » Editorials & Other Articles » .{5,30}…?$/)
  t.equal(await page.getByRole('link', { name: 'more...' }).getAttribute('href'), fixtures.url(EDITORIAL.canonicalPath))
  t.equal(
    (await page.locator('p.dateline').textContent())?.trim(),
    'April 6, 2016 — 7:00 PM EDT / Updated on April 7, 2016 — 5:42 AM EDT',
    "the dateline is shown in the reader's time zone",
  )
  t.ok((await page.locator('blockquote.excerpt p').count()) >= 1)
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  const widest = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .join(', '),
  )
  t.ok(width <= 390, `no sideways scrolling on a phone (page is ${width}px wide; too wide: ${widest})`)

  await page.getByLabel('Your reply').fill('A fair point.\n\nSee https://example.org/more for the other side.')
  await page.getByRole('button', { name: 'Post reply' }).click()
  await page.locator('details.reply').first().waitFor()
  t.match(
    await page.locator('details.reply .body').first().innerHTML(),
    '<a href="https://example.org/more" rel="nofollow ugc noopener">',
  )
  t.match(await page.locator('details.reply > summary').first().textContent(), `${username} (2 posts)`)
  const replyTime = page.locator('details.reply > summary time').first()
  const written = new Date((await replyTime.getAttribute('datetime'))!)
  t.equal(
    await replyTime.textContent(),
    new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' }).format(
      written,
    ),
    "the reply's time is shown in the reader's own zone",
  )
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/thread.png`, fullPage: true })

  // Pasting the same link again: the form warns at once, before anything is sent.
  await page.goto(`${base}/post?forum=editorials`)
  await page.getByLabel('Link to the article').fill(`${fixtures.url('/editorial.html')}?utm_source=newsletter`)
  const warning = page.locator('#link-warning')
  await warning.waitFor({ state: 'visible' })
  t.match(
    await warning.textContent(),
    /^Already posted: The city can’t keep patching its bridges \(.+\)\. Posting it again takes you to that discussion\.$/,
  )
  await page.getByRole('button', { name: 'Post' }).click()
  await page.waitForURL(/\/threads\/\d+-[a-z0-9-]+\?notice=already-posted$/)
  t.match(await page.locator('p.notice').first().textContent(), 'That link was already posted')
})

t.test(
  'from the home page: post to a chosen forum, a failed fetch that says so, a refused reply in view',
  { skip: withoutChromium },
  async (t) => {
    const fixtures = await startFixtureServer(t)
    const { app, startWorker } = await buildTestApp(t)
    await startWorker()
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)

    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 740 } })
      page.setDefaultTimeout(30_000)
      const icon = await page.request.get(`${base}/favicon.ico`)
      t.equal(icon.status(), 200, 'the browser finds an icon')

      await page.goto(`${base}/register`)
      t.match(
        await page.locator('main form').textContent(),
        'Usernames are 3 to 24 letters',
        'rules shown before trying',
      )
      const username = uniqueName('home')
      await page.getByLabel('Username').fill(username)
      await page.getByLabel('Password').fill('a long enough password')
      await page.getByRole('button', { name: 'Register' }).click()
      await page.waitForURL(`${base}/`)
      t.equal(
        (await page.locator('header .account').textContent())!.replace(/\s+/g, ' ').trim(),
        `${username} (0 posts) · Inbox · Settings · Log out`,
      )
      // However the member's links wrap, a dot between each two and none at a line's start or end.
      const shownLinks = await page.evaluate(() => {
        const line = document.querySelector('header .member-links')!
        const edge = line.getBoundingClientRect().left
        return [...line.children]
          .filter((item) => item.getClientRects().length > 0)
          .map((item) => {
            const r = item.getBoundingClientRect()
            return { left: r.left - edge, right: r.right - edge, top: Math.round(r.top) }
          })
      })
      t.equal(shownLinks.length, 4, `${width}px: name, Inbox, Settings, Log out`)
      shownLinks.forEach((box, i) => {
        const before = shownLinks[i - 1]
        if (!before || before.top !== box.top)
          t.ok(box.left < 1, `${width}px: link ${i} starts its line, its dot clipped`)
        else t.ok(box.left - before.right >= 15, `${width}px: link ${i}'s dot sits in the gap before it`)
      })
      t.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${width}px: no sideways scroll`)

      await page.getByRole('link', { name: 'Post a link' }).click()
      t.equal(await page.getByLabel('Forum').inputValue(), '', 'the home page leaves the forum to choose')
      await page.getByLabel('Link to the article').fill(fixtures.url(`/missing-${width}.html`))
      await page.getByLabel('Forum').selectOption({ label: 'Economy' })
      await page.getByLabel('Your comment (optional)').fill('Does this still exist?')
      await page.getByRole('button', { name: 'Post' }).click()
      await page.waitForURL(/\/threads\/\d+$/)
      await page.getByText('We could not make a digest of this link').waitFor()
      t.equal(await page.title(), '127.0.0.1 could not be fetched · Broadsheet')
      t.match(await page.locator('nav.crumbs').textContent(), /Economy » Could not be fetched$/)
      t.equal(await page.getByRole('link', { name: 'more...' }).count(), 0, 'no more... to a page that failed')
      const comment = page.locator('section.comment')
      t.match(await comment.locator('.poster').textContent(), `${username} (1 post)`)
      const commentBox = (await comment.boundingBox())!
      const careBox = (await page.locator('.care').boundingBox())!
      t.ok(commentBox.y < careBox.y, "the poster's words come before the digest's care links")

      await page.getByRole('button', { name: 'Try fetching again' }).click()
      await page.getByText('The new attempt failed too: The page was not found (HTTP 404).').waitFor()

      await page.getByLabel('Your reply').fill('   ')
      await page.getByRole('button', { name: 'Post reply' }).click()
      const error = page.locator('#reply-error')
      await error.waitFor()
      t.match(page.url(), /\/threads\/\d+#reply$/, 'the address is the thread, at the reply form')
      t.equal(await error.textContent(), 'Write something before posting your reply.')
      t.ok(await error.isVisible(), 'the message is shown')
      const box = (await error.boundingBox())!
      t.ok(box.y >= 0 && box.y + box.height <= 740, `the message is scrolled into view (at ${Math.round(box.y)}px)`)
      t.equal(await page.getByLabel('Your reply').inputValue(), '   ', 'the text is kept')
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      t.ok(scrollWidth <= width, `no sideways scrolling at ${width}px`)
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/reply-error-${width}.png` })

      const threadUrl = page.url().replace(/#reply$/, '')
      await page.goto(`${threadUrl}/replies`)
      t.equal(page.url(), `${threadUrl}#reply`, 'the old form address leads back to the thread')

      await page.goto(`${base}/`)
      t.match(
        (await page.locator('ol.threads li').first().textContent())!.replace(/\s+/g, ' '),
        '127.0.0.1 could not be fetched Fetch failed',
      )
      await page.getByRole('link', { name: username }).first().click()
      await page.getByRole('link', { name: 'Members', exact: true }).click()
      t.equal(await page.locator('h1').textContent(), 'Members')
      await page.getByRole('button', { name: 'Log out' }).click()
      await page.close()
    }
  },
)
