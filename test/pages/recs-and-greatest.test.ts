import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, readyThread, registerMember, threadPage, uniqueName } from '../helpers/factories.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'

type Built = Awaited<ReturnType<typeof buildTestApp>>

/** A ready thread posted `hoursAgo`, through the API. */
async function threadPostedAgo(built: Built, auth: Record<string, string>, slug: string, forum: string, hoursAgo = 1) {
  const id = await readyThread(built, auth, { url: `https://example.com/${slug}`, forum }, `Story ${slug}`)
  await built.pool.query(`UPDATE threads SET created_at = now() - make_interval(hours => $2) WHERE id = $1`, [
    id,
    hoursAgo,
  ])
  return id
}

t.test('the thread page: Recommend, then "You recommended this" and Take it back', async (t) => {
  const built = await buildTestApp(t)
  const { app } = built
  const poster = await registerMember(app)
  const reader = await registerMember(app)
  const id = await threadPostedAgo(built, poster.auth, 'rec-me', 'economy')
  const cookie = await browserSession(app, reader.user.username, reader.password)

  const anonymous = await threadPage(app, id)
  t.match(anonymous.body, '0 recs</span> &#183; <a href="/login?next=%2Fthreads%2F')
  t.match((await threadPage(app, id, { cookie })).body, '<button type="submit">Recommend</button>')

  const recd = await app.inject({ url: `/threads/${id}/rec`, ...formPost({}, { cookie }) })
  t.equal(recd.statusCode, 303)
  t.equal(recd.headers.location, `/threads/${id}-story-rec-me#recs`)
  const after = await threadPage(app, id, { cookie })
  t.match(after.body, 'You recommended this &#183; 1 rec')
  t.match(after.body, `action="/threads/${id}/unrec#recs"`)
  t.match((await threadPage(app, id)).body, '1 rec</span>', 'everyone sees the count at once')

  const posterCookie = await browserSession(app, poster.user.username, poster.password)
  const own = await threadPage(app, id, { cookie: posterCookie })
  t.match(own.body, '1 rec</span> <span class="muted">&#183; your thread</span>', 'no button on your own thread')
  const refused = await app.inject({ url: `/threads/${id}/rec`, ...formPost({}, { cookie: posterCookie }) })
  t.equal(refused.statusCode, 403)
  t.match(refused.body, 'You cannot recommend your own thread; others can.')

  await app.inject({ url: `/threads/${id}/unrec`, ...formPost({}, { cookie }) })
  t.match((await threadPage(app, id, { cookie })).body, '0 recs')
  const loggedOut = await app.inject({ url: `/threads/${id}/rec`, ...formPost({}) })
  t.equal(loggedOut.statusCode, 303)
  t.match(loggedOut.headers.location, /^\/login\?next=/)
})

t.test('Greatest Threads: the most recommended of the last 24 hours, site-wide and per forum', async (t) => {
  const built = await buildTestApp(t)
  const { app } = built
  const poster = await registerMember(app)
  const readers = await Promise.all(Array.from({ length: 3 }, () => registerMember(app)))
  const one = await threadPostedAgo(built, poster.auth, 'one-rec', 'economy')
  const three = await threadPostedAgo(built, poster.auth, 'three-recs', 'the-lounge')
  const old = await threadPostedAgo(built, poster.auth, 'old-but-loved', 'economy', 30)
  await threadPostedAgo(built, poster.auth, 'no-recs', 'economy')
  const recAs = (r: (typeof readers)[number], id: number) =>
    app.inject({ method: 'PUT', url: `/api/threads/${id}/rec`, headers: r.auth })
  for (const r of readers) await recAs(r, three)
  for (const r of readers) await recAs(r, old)
  await recAs(readers[0]!, one)

  const page = await app.inject({ url: '/greatest' })
  t.equal(page.statusCode, 200)
  const order = [...page.body.matchAll(/<a class="title" href="\/threads\/(\d+)(?:-[a-z0-9-]+)?">/g)].map((m) =>
    Number(m[1]),
  )
  t.same(order, [three, one], 'most recs first; older than a day and unrecommended threads are left out')
  t.match(page.body, '3 recs')
  t.match(page.body, '<a href="/greatest">Greatest Threads</a>', 'the header links to it')

  const economy = await app.inject({ url: '/forums/economy/greatest' })
  const inEconomy = [...economy.body.matchAll(/<a class="title" href="\/threads\/(\d+)(?:-[a-z0-9-]+)?">/g)].map((m) =>
    Number(m[1]),
  )
  t.same(inEconomy, [one])
  t.match(economy.body, '&#187; Greatest Threads</nav>')
  t.equal((await app.inject({ url: '/forums/no-such-forum/greatest' })).statusCode, 404)
})

t.test('lists sort by newest posts or by activity, and show the last reply and recs', async (t) => {
  const built = await buildTestApp(t)
  const { app } = built
  const poster = await registerMember(app)
  const replier = await registerMember(app, uniqueName('replier'))
  const older = await threadPostedAgo(built, poster.auth, 'older', 'economy', 5)
  const newer = await threadPostedAgo(built, poster.auth, 'newer', 'economy', 2)
  await app.inject({
    method: 'POST',
    url: `/api/threads/${older}/replies`,
    headers: replier.auth,
    payload: { body: 'Bump.' },
  })

  const ids = (html: string) =>
    [...html.matchAll(/<a class="title" href="\/threads\/(\d+)(?:-[a-z0-9-]+)?">/g)].map((m) => Number(m[1]))
  const latest = await app.inject({ url: '/' })
  t.same(ids(latest.body).slice(0, 2), [newer, older], 'Latest Discussions: newest posts first')
  t.match(latest.body, '<strong aria-current="page">Newest</strong>')
  const active = await app.inject({ url: '/?sort=active' })
  t.same(ids(active.body).slice(0, 2), [older, newer], 'by activity: the thread just answered first')
  t.match(active.body, `last by <a href="/members/${replier.user.username}">${replier.user.username}</a>`)

  const forum = await app.inject({ url: '/forums/economy' })
  t.same(ids(forum.body).slice(0, 2), [older, newer], 'a forum: latest activity first')
  t.match(forum.body, '<a href="/forums/economy?sort=new">Newest</a>')
  const forumNew = await app.inject({ url: '/forums/economy?sort=new' })
  t.same(ids(forumNew.body).slice(0, 2), [newer, older])
  t.equal((await app.inject({ url: '/?sort=random' })).statusCode, 400)
})

t.test(
  'a member recs a thread in a real browser and finds it in Greatest Threads',
  { skip: withoutChromium },
  async (t) => {
    const built = await buildTestApp(t)
    const { app } = built
    const poster = await registerMember(app)
    const reader = await registerMember(app)
    const id = await threadPostedAgo(built, poster.auth, 'browser-rec', 'economy')
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
    const page = await context.newPage()
    await logIn(page, base, reader, `/threads/${id}`, `/threads/${id}-story-browser-rec`)
    await page.getByRole('button', { name: 'Recommend' }).click()
    await page.getByText('You recommended this · 1 rec').waitFor()
    await page.getByRole('link', { name: 'Greatest Threads' }).click()
    t.equal(await page.locator('a.title').first().textContent(), 'Story browser-rec')
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(scroll <= 360, `no sideways scrolling (${scroll}px)`)
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/greatest-360.png`, fullPage: true })
  },
)
