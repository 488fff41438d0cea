import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { EDITORIAL } from '../fixtures/expected.js'
import { listenOnLoopback, openBrowser, withoutChromium } from '../helpers/browser.js'

t.test('a reader searches from the header box, on a phone and a desktop', { skip: withoutChromium }, async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const poster = await registerMember(app)
  const posted = await postLink(app, poster.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
  const thread = await waitForDigest(app, posted.json().thread.id as number)
  t.equal(thread.status, 'ready', String(thread['error']))
  const base = await listenOnLoopback(app)
  const browser = await openBrowser(t)

  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } })
    page.setDefaultTimeout(30_000)
    const refused: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text())
    })
    await page.goto(`${base}/`)
    const box = page.getByRole('searchbox', { name: 'Search threads and replies' })
    const header = await page.locator('header.site').boundingBox()
    t.ok(
      header!.height <= (width === 360 ? 160 : 100),
      `the header stays compact at ${width} px (${header!.height} px)`,
    )

    // A sentence well past the excerpt: only the stored article text holds it.
    await box.fill('Portland and Pittsburgh rolling inspections')
    await box.press('Enter')
    await page.waitForURL(/\/search\?q=Portland/)
    const result = page.locator('ol.search-results li').first()
    t.equal(await result.locator('a.title').textContent(), EDITORIAL.title)
    t.match(await result.locator('.snippet mark').allTextContents(), ['Portland', 'Pittsburgh'])
    t.equal(
      await page.getByRole('searchbox', { name: 'Search threads and replies' }).inputValue(),
      'Portland and Pittsburgh rolling inspections',
      'the header box keeps the search',
    )
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(scroll <= width, `no sideways scrolling at ${width} px (${scroll} px)`)
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/search-${width}.png`, fullPage: true })

    await result.locator('a.title').click()
    await page.waitForURL(`${base}/threads/${thread.id as number}`)

    // Text the page hid from readers was never the article's, so it is not found either.
    await page.getByRole('searchbox', { name: 'Search threads and replies' }).fill('"hidden by the editors"')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/search\?q=/)
    t.match(await page.locator('p.empty').textContent(), 'Nothing found')
    t.same(refused, [], 'nothing on the way broke the content security policy')
    await page.close()
  }
})
