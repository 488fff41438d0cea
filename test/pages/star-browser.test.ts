import t from 'tap'
import { setRole } from '../../src/db/users.js'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'
import { registerMember } from '../helpers/factories.js'
import { replyTo, threadIn } from '../helpers/moderation.js'

type Member = Awaited<ReturnType<typeof registerMember>>

t.test(
  'an admin makes a member a star on their page; readers see the badge by the name',
  { skip: withoutChromium },
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const base = await listenOnLoopback(app)
    const [admin, poster, replier] = (await Promise.all([
      registerMember(app),
      registerMember(app),
      registerMember(app),
    ])) as [Member, Member, Member]
    await setRole(pool, admin.user.username, 'admin')
    const id = await threadIn(app, poster, 'the-lounge')
    await replyTo(app, replier, id, 'Thanks for posting this.')
    await replyTo(app, poster, id, 'You are welcome.')

    const browser = await openBrowser(t)
    const reader = await browser.newPage({ viewport: { width: 360, height: 740 } })
    reader.setDefaultTimeout(30_000)
    await reader.goto(`${base}/threads/${id}`)
    t.equal(await reader.getByRole('img', { name: 'Star member' }).count(), 0, 'no badge yet (and the page is kept)')

    const page = await browser.newPage({ viewport: { width: 360, height: 740 } })
    page.setDefaultTimeout(30_000)
    await logIn(page, base, admin)
    await page.goto(`${base}/members/${poster.user.username}`)
    await page.getByRole('button', { name: 'Make a Star member' }).click()
    await page.waitForURL(`${base}/members/${poster.user.username}`)
    t.equal(await page.locator('h1 .label.star').textContent(), '★ Star member', 'the profile says so')
    t.ok(await page.getByRole('button', { name: 'Take back the star' }).isVisible(), 'and the admin can take it back')

    await reader.reload()
    const byline = reader.locator('article.digest > .poster')
    t.equal(await byline.getByRole('img', { name: 'Star member' }).count(), 1, 'on the thread’s byline')
    const replies = reader.locator('details.reply')
    t.equal(
      await replies.nth(0).locator('summary').getByRole('img', { name: 'Star member' }).count(),
      0,
      'not beside another member',
    )
    t.equal(
      await replies.nth(1).locator('summary').getByRole('img', { name: 'Star member' }).count(),
      1,
      'beside their reply',
    )
    t.equal(await replies.nth(1).locator('summary .star-mark').getAttribute('title'), 'Star member: supports the site')
    const box = await replies.nth(1).locator('summary .star-mark').boundingBox()
    t.ok(box && box.x + box.width <= 360, 'inside the 360 px screen')

    await reader.goto(`${base}/forums/the-lounge`)
    t.equal(
      await reader.locator(`li[data-thread="${id}"] .meta`).getByRole('img', { name: 'Star member' }).count(),
      2,
      'in the forum list, as poster and as the last to reply',
    )
  },
)
