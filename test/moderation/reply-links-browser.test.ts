import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

/** Each reply's links as shown: their words, and where each sits in its line (px from the line's left edge). */
interface ShownLinks {
  author: string
  texts: string[]
  boxes: { left: number; right: number; top: number }[]
  dot: { content: string; width: number }
  clipped: boolean
}

t.test(
  'a suspended moderator’s reply links: the links shown are dotted apart, with no stray dot',
  { skip: withoutChromium },
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { admin, moderator, member, poster } = await moderationCast(app, pool, 'economy')
    const id = await threadIn(app, poster, 'economy')
    await replyTo(app, member, id, 'A reply by another member.')
    await replyTo(app, moderator, id, 'A reply of the moderator’s own.')
    const suspended = await app.inject({
      method: 'POST',
      url: `/api/members/${moderator.user.username}/suspend`,
      headers: admin.auth,
      payload: { hours: 24, reason: 'Cooling off' },
    })
    t.equal(suspended.statusCode, 200)
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)

    for (const [who, expected] of [
      [
        moderator,
        {
          [member.user.username]: ['Moderate'],
          [moderator.user.username]: ['Delete', 'Moderate'],
        },
      ],
      [
        member,
        {
          [member.user.username]: ['Reply', 'Quote', 'Alert', 'Edit', 'Delete'],
          [moderator.user.username]: ['Reply', 'Quote', 'Alert'],
        },
      ],
    ] as const) {
      for (const width of [360, 1280]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } })
        page.setDefaultTimeout(30_000)
        await logIn(page, base, who, `/threads/${id}`)
        const shown: ShownLinks[] = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.reply > .actions.links')].map((line) => {
            const edge = line.getBoundingClientRect().left
            const links = [...line.querySelectorAll('a')].filter((a) => a.getClientRects().length > 0)
            const dot = getComputedStyle(links[0] ?? line, '::before')
            return {
              author: line.closest<HTMLElement>('.reply')!.dataset.author!,
              texts: links.map((a) => a.textContent!),
              boxes: links.map((a) => {
                const r = a.getBoundingClientRect()
                return { left: r.left - edge, right: r.right - edge, top: r.top }
              }),
              dot: { content: dot.content, width: parseFloat(dot.width) },
              clipped: getComputedStyle(line).clipPath.startsWith('inset('),
            }
          }),
        )
        const as = who === moderator ? 'the suspended moderator' : 'a member'
        t.equal(shown.length, 2, `two replies for ${as} at ${width}px`)
        for (const line of shown) {
          const whose = line.author === who.user.username ? 'their own reply' : 'another’s reply'
          t.same(line.texts, expected[line.author], `${as}, ${whose}, ${width}px: the links shown`)
          t.match(line.dot.content, '·', 'each link brings its dot')
          t.ok(line.clipped, 'the line clips what lies left of it')
          line.boxes.forEach((box, i) => {
            const before = line.boxes[i - 1]
            if (!before || before.top !== box.top)
              t.ok(box.left < 1, `${line.texts[i]} starts its line: its dot lies outside, clipped`)
            else
              t.ok(box.left - before.right >= line.dot.width - 0.5, `${line.texts[i]}'s dot sits in the gap before it`)
          })
        }
        t.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `fits ${width}px`)
        if (process.env.SCREENSHOT_DIR) {
          const name = who === moderator ? 'suspended-moderator' : 'member'
          await page
            .locator('.replies, #replies, main')
            .first()
            .screenshot({ path: `${process.env.SCREENSHOT_DIR}/reply-links-${name}-${width}.png` })
        }
        await page.close()
      }
    }
  },
)
