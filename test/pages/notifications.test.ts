import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, readyThread, registerMember, threadPage } from '../helpers/factories.js'
import { mentionsIn } from '../../src/services/notifications.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'

type App = Awaited<ReturnType<typeof buildTestApp>>['app']
type Member = Awaited<ReturnType<typeof registerMember>>

const reply = async (app: App, who: Member, threadId: number, body: string, parentId?: number) =>
  (
    await app.inject({
      method: 'POST',
      url: `/api/threads/${threadId}/replies`,
      headers: who.auth,
      payload: { body, ...(parentId ? { parentId } : {}) },
    })
  ).json().reply.id as number

const inbox = async (app: App, who: Member) =>
  (await app.inject({ url: '/api/notifications', headers: who.auth })).json().notifications as {
    id: number
    thread: { id: number }
    replies: number
    reasons: string[]
    read: boolean
    lastBy: string | null
  }[]

t.test('replies to your thread and your replies, mentions and watched threads reach the inbox, grouped', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const [poster, replier, mentioner, watcher, bore] = (await Promise.all(
    Array.from({ length: 5 }, () => registerMember(app)),
  )) as [Member, Member, Member, Member, Member]
  const link = { url: 'https://example.com/talked-about', forum: 'economy' }
  const id = await readyThread({ app, pool }, poster.auth, link, 'Talked about')
  await app.inject({ method: 'PUT', url: `/api/threads/${id}/watch`, headers: watcher.auth })
  await app.inject({ method: 'PUT', url: `/api/me/ignores/${bore.user.username}`, headers: poster.auth })

  const first = await reply(app, replier, id, 'First!')
  await reply(app, replier, id, 'And another thing.')
  await reply(app, bore, id, 'Nobody asked, but.')
  await reply(app, poster, id, 'Thanks, all.', first)

  const posters = await inbox(app, poster)
  t.equal(posters.length, 1, 'one notification per thread, however many replies')
  t.match(posters[0], {
    thread: { id },
    replies: 2,
    reasons: ['reply', 'watch'],
    read: false,
    lastBy: replier.user.username,
  })
  const repliers = await inbox(app, replier)
  t.match(repliers, [{ reasons: ['reply'], replies: 1 }], 'the answered reply’s author is told; not of their own')
  const watchers = await inbox(app, watcher)
  t.match(watchers, [{ reasons: ['watch'], replies: 4 }])
  t.same(await inbox(app, bore), [], 'nothing of one’s own posts')

  const other = (await postLink(app, mentioner.auth, { url: 'https://example.com/elsewhere', forum: 'economy' })).json()
    .thread.id as number
  await reply(app, mentioner, other, `What do you think, @${poster.user.username}? (cc @nobody-here)`)
  const mentioned = await inbox(app, poster)
  t.match(mentioned[0], { thread: { id: other }, reasons: ['mention'] }, 'newest first')

  // Opening one marks it read and leads to the first reply it tells of.
  const cookie = await browserSession(app, poster.user.username, poster.password)
  const page = await app.inject({ url: '/notifications', headers: { cookie } })
  t.match(page.body, 'Inbox (2)', 'the header counts the unread')
  t.match(page.body, '2 new replies, the latest by')
  const opened = await app.inject({ url: `/notifications/${posters[0]!.id}`, headers: { cookie } })
  t.equal(opened.statusCode, 303)
  t.equal(opened.headers.location, `/threads/${id}-talked-about#reply-${first}`)
  t.match((await app.inject({ url: '/', headers: { cookie } })).body, 'Inbox (1)', 'the count follows at once')
  await reply(app, replier, id, 'After you read it.')
  const after = await inbox(app, poster)
  t.equal(after.filter((n) => n.thread.id === id && !n.read).length, 1, 'a new reply starts a new notification')

  const marked = await app.inject({ url: '/notifications/read', ...formPost({}, { cookie }) })
  t.equal(marked.statusCode, 303)
  t.ok(
    (await inbox(app, poster)).every((n) => n.read),
    'mark all read',
  )
  const foreign = await app.inject({
    url: `/notifications/${watchers[0]!.id}`,
    headers: { cookie },
  })
  t.equal(foreign.statusCode, 404, "another member's notification cannot be opened")
  t.equal((await inbox(app, watcher))[0]!.read, false, 'and stays unread')
})

t.test('Watch and Unwatch on the thread page', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const reader = await registerMember(app)
  const id = await readyThread({ app, pool }, poster.auth, { url: 'https://example.com/watch-me', forum: 'economy' })
  const cookie = await browserSession(app, reader.user.username, reader.password)
  t.match((await threadPage(app, id, { cookie })).body, `action="/threads/${id}/watch#recs"`)
  const posterCookie = await browserSession(app, poster.user.username, poster.password)
  t.match(
    (await threadPage(app, id, { cookie: posterCookie })).body,
    'You watch this thread',
    'a poster watches their own thread from the start',
  )
  await app.inject({ url: `/threads/${id}/watch`, ...formPost({}, { cookie }) })
  t.match((await threadPage(app, id, { cookie })).body, `action="/threads/${id}/unwatch#recs"`)
  await reply(app, poster, id, 'An update.')
  t.equal((await inbox(app, reader)).length, 1)
  const unwatched = await app.inject({ url: `/threads/${id}/unwatch`, ...formPost({}, { cookie }) })
  t.equal(unwatched.statusCode, 303)
  const read = await app.inject({
    method: 'POST',
    url: '/api/notifications/read',
    headers: reader.auth,
    payload: {},
  })
  t.same(read.json(), { marked: 1 })
  await reply(app, poster, id, 'Another update.')
  t.ok(
    (await inbox(app, reader)).every((n) => n.read),
    'no longer told',
  )
  t.notMatch((await threadPage(app, id)).body, '/watch#recs', 'no button for anonymous readers')
})

t.test('mentions: names after @, each once, not inside addresses', async (t) => {
  t.same(mentionsIn('Hi @Alice and @bob.smith. Also @alice again, mail me at carol@example.com'), [
    'alice',
    'bob.smith',
  ])
  t.same(mentionsIn('@ab is too short; @x_y_z counts'), ['x_y_z'])
})

t.test(
  "a reply shows in the other member's header at once, in a real browser",
  { skip: withoutChromium },
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const poster = await registerMember(app)
    const replier = await registerMember(app)
    const link = { url: 'https://example.com/live-inbox', forum: 'economy' }
    const id = await readyThread({ app, pool }, poster.auth, link, 'Live inbox')
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } })
    await logIn(page, base, poster, '/')
    const inboxLink = page.locator('header .account a[href="/notifications"]')
    t.equal(await inboxLink.textContent(), 'Inbox')

    await reply(app, replier, id, `Have a look, @${poster.user.username}.`)
    await page.waitForFunction(
      () => document.querySelector('header a[href="/notifications"]')?.textContent === 'Inbox (1)',
    )
    t.pass('the count changed without reloading')
    await inboxLink.click()
    await page.waitForURL(`${base}/notifications`)
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/inbox-360.png`, fullPage: true })
    await page.getByRole('link', { name: 'Live inbox' }).click()
    await page.waitForURL(new RegExp(`/threads/${id}-live-inbox#reply-\\d+$`))
    t.match(await page.locator('details.reply .body').first().textContent(), 'Have a look')
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/inbox-opened-360.png`, fullPage: true })
  },
)
