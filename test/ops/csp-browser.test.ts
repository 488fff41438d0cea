import t from 'tap'
import type { Page } from 'playwright-core'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

/** A headline that, were it not isolated, would turn everything after it on its line around. */
const RLO_HEADLINE = '\u202EHarbour plan approved after long night'

const rtlArticle = `<!doctype html><html lang="en"><head><title>${RLO_HEADLINE}</title>
  <meta property="og:title" content="${RLO_HEADLINE}"><meta property="og:site_name" content="Fixture Times"></head>
  <body><article><h1>${RLO_HEADLINE}</h1>
  ${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: the council said on tuesday that its plan for the harbour would go ahead despite objections from residents.</p>`).join('\n')}
  </article></body></html>`

/** Every Content-Security-Policy violation, script error and console error a page shows. */
function watchForViolations(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`script error: ${err.message}`))
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
    })
  })
  return problems
}

t.test(
  'every page works under the Content-Security-Policy, and headlines are isolated',
  { skip: withoutChromium },
  async (t) => {
    const site = await startFixtureServer(t, {
      '/rtl.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(rtlArticle),
    })
    const { app, startWorker } = await buildTestApp(t)
    await startWorker()
    const base = await listenOnLoopback(app)

    const poster = await registerMember(app)
    const ignored = await registerMember(app)
    const reader = await registerMember(app)
    const ids: number[] = []
    for (const path of ['/editorial.html', '/rtl.html']) {
      const posted = await postLink(app, poster.auth, { url: site.url(path), forum: 'editorials' })
      const id = (posted.json() as { thread: { id: number } }).thread.id
      t.equal((await waitForDigest(app, id)).status, 'ready', path)
      ids.push(id)
    }
    const [editorialId, rtlId] = ids as [number, number]
    // Extraction drops direction controls from headlines; a hand-corrected one keeps what was typed.
    const corrected = await app.inject({
      method: 'PATCH',
      url: `/api/threads/${rtlId}`,
      headers: poster.auth,
      payload: { title: RLO_HEADLINE, excerpt: ['\u202EThe council said on tuesday that its plan would go ahead.'] },
    })
    t.equal(corrected.statusCode, 200, corrected.body)
    const replyAs = (member: { auth: Record<string, string> }, id: number, body: string) =>
      app.inject({ method: 'POST', url: `/api/threads/${id}/replies`, headers: member.auth, payload: { body } })
    t.equal((await replyAs(ignored, editorialId, 'A reply the reader does not want to see.')).statusCode, 201)
    t.equal(
      (await app.inject({ method: 'PUT', url: `/api/me/ignores/${ignored.user.username}`, headers: reader.auth }))
        .statusCode,
      200,
    )

    const browser = await openBrowser(t)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.setDefaultTimeout(30_000)
    const problems = watchForViolations(page)

    await logIn(page, base, reader)

    // The thread page with its reply form: the member's own style (ignored members) applies.
    await page.goto(`${base}/threads/${editorialId}`)
    t.equal(
      await page.locator(`details.reply[data-author="${ignored.user.username}"] .body`).isVisible(),
      false,
      "an ignored member's reply is folded by the member's own style, allowed by its hash",
    )
    await page.getByLabel('Your reply').fill('Replying under a strict policy.')
    await page.getByRole('button', { name: 'Post reply' }).click()
    await page.locator(`details.reply[data-author="${reader.user.username}"]`).first().waitFor()
    t.ok(
      await page.locator(`details.reply[data-author="${reader.user.username}"] .actions .tools`).first().isVisible(),
      'own replies show Edit',
    )
    await page.getByRole('button', { name: 'Recommend' }).click()
    await page.getByText('You recommended this').waitFor()

    // Opened, then answered by someone else: the list marks it (another style allowed by its hash).
    await page.goto(`${base}/threads/${rtlId}`)
    t.equal(await page.locator('h1').getAttribute('dir'), 'auto')
    await new Promise((resolve) => setTimeout(resolve, 20))
    t.equal((await replyAs(poster, rtlId, 'A new reply.')).statusCode, 201)

    for (const path of [
      '/',
      '/forums/editorials',
      '/post',
      '/settings',
      '/notifications',
      `/members/${poster.user.username}`,
      '/greatest',
    ]) {
      const res = await page.goto(`${base}${path}`)
      t.equal(res?.status(), 200, path)
      await page.waitForLoadState('networkidle')
    }

    await page.goto(`${base}/forums/editorials`)
    const item = page.locator(`ol.threads li[data-thread="${rtlId}"]`)
    const mark = await item.locator('a.title').evaluate((el) => getComputedStyle(el, '::after').content)
    t.match(mark, /new replies/, 'the unread mark is drawn')
    // Isolated, the reversed headline stays inside its own box, first on the line, the mark after it.
    const boxes = await item.locator('a.title').evaluate((a) => {
      const bdi = a.querySelector('bdi')!
      const [outer, inner] = [a.getBoundingClientRect(), bdi.getBoundingClientRect()]
      return { outerLeft: outer.left, outerRight: outer.right, innerLeft: inner.left, innerRight: inner.right }
    })
    t.ok(Math.abs(boxes.innerLeft - boxes.outerLeft) < 1, 'the headline starts the line')
    t.ok(boxes.outerRight - boxes.innerRight > 40, 'the unread mark follows it on the right')

    // Wherever the headline shows, it sits in an element that isolates it.
    for (const path of ['/', '/forums/editorials', `/threads/${rtlId}`, `/members/${poster.user.username}`]) {
      await page.goto(`${base}${path}`)
      const loose = await page.evaluate(() => {
        const found: string[] = []
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent!.includes('\u202E')) continue
          const isolating = node.parentElement!.closest('bdi, [dir]')
          if (!isolating || isolating === document.documentElement)
            found.push(node.parentElement!.outerHTML.slice(0, 120))
        }
        return found
      })
      t.same(loose, [], `${path}: no headline text outside an isolating element`)
    }
    t.ok((await page.content()).includes('\u202E'), 'the headline kept its override (it is isolated, not stripped)')

    t.same(problems, [], 'no CSP violation, script error or console error on any page')
  },
)

t.test('Bull Board renders for an admin under its own policy', { skip: withoutChromium }, async (t) => {
  const { app, pool } = await buildTestApp(t)
  const base = await listenOnLoopback(app)
  const admin = await registerMember(app)
  await pool.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id])
  const browser = await openBrowser(t)
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.setDefaultTimeout(30_000)
  const problems = watchForViolations(page)
  await logIn(page, base, admin, '/admin/queues')
  await page.getByText('digest', { exact: true }).first().waitFor()
  // Its web font is another site's (Google Fonts): refused on purpose, the board falls back to system fonts.
  t.same(
    problems.filter((p) => !/fonts\.googleapis\.com/.test(p)),
    [],
    'no other violation or script error',
  )
})
