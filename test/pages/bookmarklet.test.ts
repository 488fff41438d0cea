import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { browserSession, registerMember } from '../helpers/factories.js'
import { openBrowser, withoutChromium } from '../helpers/browser.js'

/** A loopback port free now, so the app can be told its own address (PUBLIC_URL) before it listens. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

t.test(
  'the bookmarklet, used on an article, lands on the filled posting form',
  { skip: withoutChromium },
  async (t) => {
    const fixtures = await startFixtureServer(t)
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const { app } = await buildTestApp(t, { env: { PUBLIC_URL: base } })
    await app.listen({ port, host: '127.0.0.1' })
    const member = await registerMember(app)
    const [name, value] = (await browserSession(app, member.user.username, member.password)).split('=')

    const browser = await openBrowser(t)
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
    await context.addCookies([{ name: name!, value: value!, url: base }])
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)

    await page.goto(`${base}/help`)
    const bookmarklet = await page.locator('a.bookmarklet').getAttribute('href')
    t.match(bookmarklet, /^javascript:/)
    const helpWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(helpWidth <= 360, `the help page fits a phone, bookmarklet code and all (${helpWidth}px)`)

    // A bookmark's javascript: address runs on the page being read, as a link with it does when clicked.
    const article = fixtures.url('/editorial.html')
    await page.goto(article)
    const articleTitle = await page.title()
    t.ok(articleTitle, 'the fixture article has a title')
    await page.evaluate((href) => {
      const link = document.createElement('a')
      link.href = href
      link.id = 'bookmark'
      link.textContent = 'Post to Broadsheet'
      document.body.prepend(link)
    }, bookmarklet!)
    await Promise.all([page.waitForURL(`${base}/submit?**`), page.click('#bookmark')])
    await page.locator('form[action="/post"]').waitFor()
    t.equal(await page.locator('h1').textContent(), 'Post a link')
    t.equal(await page.getByLabel('Link to the article').inputValue(), article)
    t.equal(await page.getByLabel('Title (optional)').inputValue(), articleTitle)
    t.equal(await page.getByLabel('Forum').inputValue(), '', 'the forum is chosen on the form')
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(width <= 360, `the filled form fits a phone (${width}px)`)
  },
)
