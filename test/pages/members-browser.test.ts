import t from 'tap'
import type { Page } from 'playwright-core'
import { REPLIES_PER_PAGE } from '../../src/limits.js'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'

const shoot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: true })
}

t.test('a poster edits their words and readers see the edited mark', { skip: withoutChromium }, async (t) => {
  const { app } = await buildTestApp(t)
  const base = await listenOnLoopback(app)
  const poster = await registerMember(app)
  const posted = await postLink(app, poster.auth, {
    url: 'https://example.com/browser-words',
    forum: 'the-lounge',
    comment: 'Worth reading.',
  })
  const id = posted.json().thread.id as number
  const browser = await openBrowser(t)
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } })
  page.setDefaultTimeout(30_000)
  await logIn(page, base, poster)

  await page.goto(`${base}/threads/${id}`)
  t.equal(await page.locator('#comment .edited').count(), 0, 'not edited yet')
  await page.getByRole('link', { name: 'Edit your words' }).click()
  await page.getByLabel('Your words').fill('Worth reading, **twice**.')
  await shoot(page, 'edit-comment-360')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForURL(/#comment$/)
  t.equal(await page.locator('#comment .body strong').textContent(), 'twice', 'the new words, rendered')
  t.match(await page.locator('#comment .poster').textContent(), /· edited /, 'marked edited')
  t.ok(await page.locator('#comment .edited time').getAttribute('datetime'), 'with the time')
  await shoot(page, 'comment-edited-360')

  const reader = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await reader.goto(`${base}/threads/${id}`)
  t.match(await reader.locator('#comment .poster').textContent(), /· edited /, 'anonymous readers see the mark too')
  t.equal(await reader.getByRole('link', { name: 'Edit your words' }).count(), 0, 'but no edit link')
})

t.test('a member deletes their account; their posts stay, by a former member', { skip: withoutChromium }, async (t) => {
  const { app } = await buildTestApp(t)
  const base = await listenOnLoopback(app)
  const poster = await registerMember(app)
  const leaver = await registerMember(app)
  const id = (
    await postLink(app, poster.auth, { url: 'https://example.com/leaving-browser', forum: 'the-lounge' })
  ).json().thread.id as number
  await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: leaver.auth,
    payload: { body: 'Words that outlive the account.' },
  })
  const browser = await openBrowser(t)
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } })
  page.setDefaultTimeout(30_000)
  await logIn(page, base, leaver)

  await page.goto(`${base}/settings`)
  t.match(await page.locator('#sessions li').first().textContent(), '(this one)', 'the session in use is marked')
  await shoot(page, 'settings-sessions-360')
  await page.getByRole('link', { name: 'Delete your account…' }).click()
  await page.getByLabel('Your password, to confirm').fill('not the password')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  t.match(await page.locator('p.error').textContent(), 'That is not your password', 'a wrong password is refused')
  await page.getByLabel('Your password, to confirm').fill(leaver.password)
  await page.getByRole('button', { name: 'Delete my account' }).click()
  await page.waitForURL(/\/members\/former-member-\d+$/)
  t.match(await page.locator('p.notice').textContent(), 'This account was deleted.')
  t.match(await page.locator('header').textContent(), 'Log in', 'logged out')

  await page.goto(`${base}/threads/${id}`)
  const reply = page.locator('details.reply').first()
  t.equal(await reply.locator('summary a').first().textContent(), 'a former member', 'the reply is by a former member')
  t.equal(await reply.locator('.body').textContent(), 'Words that outlive the account.')
  t.notMatch(await page.content(), leaver.user.username, 'the name is gone')
  await shoot(page, 'former-member-360')
})

t.test(
  'a thread opened from a list lands at the first reply the member has not seen',
  { skip: withoutChromium },
  async (t) => {
    const { app } = await buildTestApp(t)
    const base = await listenOnLoopback(app)
    const writer = await registerMember(app)
    const reader = await registerMember(app)
    const id = (await postLink(app, writer.auth, { url: 'https://example.com/landing', forum: 'the-lounge' })).json()
      .thread.id as number
    const say = async (body: string) =>
      (
        await app.inject({ method: 'POST', url: `/api/threads/${id}/replies`, headers: writer.auth, payload: { body } })
      ).json().reply.id as number
    for (let i = 0; i < REPLIES_PER_PAGE; i++) await say(`Reply ${i}.`)
    const browser = await openBrowser(t)
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    page.setDefaultTimeout(30_000)
    await logIn(page, base, reader)
    await page.goto(`${base}/threads/${id}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const fresh = await say('New since the reader was here.')

    await page.goto(`${base}/`)
    await page.locator(`li[data-thread="${id}"] > a.title`).click()
    await page.waitForURL(new RegExp(`\\?page=2#reply-${fresh}$`))
    t.ok(await page.locator(`#reply-${fresh}`).isVisible(), 'on the second page, at the new reply')
    await page.goto(`${base}/`)
    await page.locator(`li[data-thread="${id}"] > a.title`).click()
    await page.waitForURL(new RegExp(`/threads/${id}$`))
    t.pass('read since: the thread opens at its top')
  },
)
