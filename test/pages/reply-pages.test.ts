import t from 'tap'
import { REPLIES_PER_PAGE } from '../../src/limits.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, readyThread, registerMember, threadPage } from '../helpers/factories.js'
import { listenOnLoopback, openBrowser, withoutChromium } from '../helpers/browser.js'

type App = Awaited<ReturnType<typeof buildTestApp>>['app']

const replyIds = (html: string) =>
  [...html.matchAll(/<details class="reply" id="reply-(\d+)"/g)].map((m) => Number(m[1]))
const relNext = (html: string) => /<a rel="next" href="([^"#]+)[^"]*"/.exec(html)?.[1]

/** A ready thread and `n` replies through the API: every third answers the reply before it. */
async function threadWithReplies(app: App, pool: Awaited<ReturnType<typeof buildTestApp>>['pool'], n: number) {
  const member = await registerMember(app)
  const link = { url: 'https://example.com/long-talk', forum: 'the-lounge' }
  const id = await readyThread({ app, pool }, member.auth, link, 'A long discussion')
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    const parentId = i % 3 === 2 ? ids[i - 1] : undefined
    const res = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: member.auth,
      payload: { body: `Reply number ${i + 1}.`, ...(parentId ? { parentId } : {}) },
    })
    ids.push(res.json().reply.id as number)
  }
  return { id, ids, member }
}

t.test('a long thread is paged; following rel="next" reads every reply once, in tree order', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { id, ids } = await threadWithReplies(app, pool, REPLIES_PER_PAGE * 2 + 5)

  const first = await threadPage(app, id)
  t.match(first.body, '<span>Page 1 of 3</span>')
  t.notMatch(first.body, 'rel="prev"', 'the first page has nothing before it')
  t.equal(replyIds(first.body).length, REPLIES_PER_PAGE)

  const read: number[] = []
  let path: string | undefined = `/threads/${id}-a-long-discussion`
  let pages = 0
  while (path) {
    const res = await app.inject({ method: 'GET', url: path })
    t.equal(res.statusCode, 200, path)
    read.push(...replyIds(res.body))
    path = relNext(res.body)
    pages++
  }
  t.equal(pages, 3)
  t.same(
    [...read].sort((a, b) => a - b),
    ids,
    'every reply once',
  )
  // Tree order: an answer comes right after the reply it answers.
  for (let i = 2; i < ids.length; i += 3) t.equal(read.indexOf(ids[i]!), read.indexOf(ids[i - 1]!) + 1)

  const last = await threadPage(app, id, {}, '?page=3')
  t.match(last.body, `<a rel="prev" href="/threads/${id}-a-long-discussion?page=2#replies">`)
  t.match(last.body, '<title>A long discussion (page 3)')
  const beyond = await threadPage(app, id, {}, '?page=4')
  t.equal(beyond.statusCode, 404)
  t.match(beyond.body, 'This thread has 3 pages of replies.')
  const bad = await threadPage(app, id, {}, '?page=zero')
  t.equal(bad.statusCode, 400)
})

t.test('answering a reply on a later page: the form opens there, and the answer is shown on its page', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { id, ids } = await threadWithReplies(app, pool, REPLIES_PER_PAGE + 3)
  const answerer = await registerMember(app)
  const cookie = await browserSession(app, answerer.user.username, answerer.password)
  const target = ids.at(-1)!

  // Seen by an anonymous reader first, so the page is cached when the answer comes.
  const before = await threadPage(app, id, {}, '?page=2')
  t.ok(replyIds(before.body).includes(target))

  const form = await threadPage(app, id, { cookie }, `?replyTo=${target}`)
  t.match(form.body, '<span>Page 2 of 2</span>', 'the page that shows the reply being answered')
  t.match(form.body, `<input type="hidden" name="parentId" value="${target}">`)

  const posted = await app.inject({
    url: `/threads/${id}/replies`,
    ...formPost({ body: 'An answer late in the thread.', parentId: String(target) }, { cookie }),
  })
  t.equal(posted.statusCode, 303)
  const answer = Number(/#reply-(\d+)$/.exec(posted.headers.location as string)?.[1])
  t.equal(posted.headers.location, `/threads/${id}-a-long-discussion?page=2#reply-${answer}`)
  const after = await threadPage(app, id, {}, '?page=2')
  t.match(after.body, 'An answer late in the thread.', 'the cached page shows the new answer')
  t.ok(after.body.indexOf(`id="reply-${answer}"`) > after.body.indexOf(`id="reply-${target}"`))

  const link = await app.inject({ method: 'GET', url: `/replies/${answer}` })
  t.equal(link.headers.location, `/threads/${id}-a-long-discussion?page=2#reply-${answer}`)
})

t.test('a page that starts inside a discussion says whom its first answer answers', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: 'https://example.com/chain', forum: 'the-lounge' })
  const id = posted.json().thread.id as number
  let parentId: number | undefined
  const ids: number[] = []
  for (let i = 0; i <= REPLIES_PER_PAGE; i++) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: member.auth,
      payload: { body: `Link ${i} of the chain.`, ...(parentId ? { parentId } : {}) },
    })
    parentId = res.json().reply.id as number
    ids.push(parentId)
  }
  const second = await threadPage(app, id, {}, '?page=2')
  t.same(replyIds(second.body), [ids.at(-1)])
  t.match(
    second.body,
    `In reply to <a href="/threads/${id}#reply-${ids.at(-2)}">${member.user.username}</a>`,
    'the answered reply is on the first page',
  )
  const first = await threadPage(app, id)
  t.match(first.body, 'In reply to', 'answers past the deepest indent say whom they answer')
})

t.test(
  'a subtree folds and unfolds in a real browser, at phone and desktop widths',
  { skip: withoutChromium },
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { id, ids } = await threadWithReplies(app, pool, 6)
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } })
      await page.goto(`${base}/threads/${id}`)
      const parent = page.locator(`#reply-${ids[1]}`)
      const answer = page.locator(`#reply-${ids[2]}`)
      t.ok(await answer.isVisible(), `${width}px: the answer shows under its reply`)
      await parent.locator('> summary').click({ position: { x: 2, y: 5 } })
      t.notOk(await answer.isVisible(), `${width}px: folding the reply hides its answers`)
      t.match(await parent.locator('> summary .folded').textContent(), '1 answer folded')
      await parent.locator('> summary').click({ position: { x: 2, y: 5 } })
      t.ok(await answer.isVisible(), `${width}px: unfolded again`)
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
      t.ok(scroll <= width, `${width}px: no sideways scrolling (${scroll}px)`)
      if (process.env.SCREENSHOT_DIR)
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/reply-tree-${width}.png`, fullPage: true })
      await page.close()
    }
  },
)

t.test('a deep discussion stays readable at phone and desktop widths', { skip: withoutChromium }, async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const link = { url: 'https://example.com/deep', forum: 'the-lounge' }
  const id = await readyThread({ app, pool }, member.auth, link, 'A deep discussion')
  let parentId: number | undefined
  for (let i = 0; i < 9; i++) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/replies`,
      headers: member.auth,
      payload: { body: `Level ${i + 1}: a point answered by the next.`, ...(parentId ? { parentId } : {}) },
    })
    parentId = res.json().reply.id as number
  }
  const base = await listenOnLoopback(app)
  const browser = await openBrowser(t)
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    await page.goto(`${base}/threads/${id}`)
    t.equal(await page.locator('details.reply').count(), 9)
    t.ok(await page.getByText('In reply to').first().isVisible(), `${width}px: past the deepest indent, it says whom`)
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(scroll <= width, `${width}px: no sideways scrolling (${scroll}px)`)
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/deep-thread-${width}.png`, fullPage: true })
    await page.close()
  }
})
