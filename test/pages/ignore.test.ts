import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, readyThread, registerMember, threadPage } from '../helpers/factories.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'

type Built = Awaited<ReturnType<typeof buildTestApp>>

/** A ready thread by `poster` with one reply by `replier`. */
async function discussion(
  built: Built,
  poster: { auth: Record<string, string> },
  replier: { auth: Record<string, string> },
) {
  const id = await readyThread(built, poster.auth, { url: 'https://example.com/ignored', forum: 'economy' }, 'A story')
  const reply = await built.app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: replier.auth,
    payload: { body: 'Something tiresome.' },
  })
  return { id, replyId: reply.json().reply.id as number }
}

t.test('ignoring a member folds their posts away for the one who ignores, and only for them', async (t) => {
  const built = await buildTestApp(t)
  const { app } = built
  const reader = await registerMember(app)
  const bore = await registerMember(app)
  const { id } = await discussion(built, bore, bore)
  const cookie = await browserSession(app, reader.user.username, reader.password)

  const profile = await app.inject({ url: `/members/${bore.user.username}`, headers: { cookie } })
  t.match(profile.body, `action="/members/${bore.user.username}/ignore"`)
  const ignored = await app.inject({ url: `/members/${bore.user.username}/ignore`, ...formPost({}, { cookie }) })
  t.equal(ignored.statusCode, 303)
  t.match((await app.inject({ url: `/members/${bore.user.username}`, headers: { cookie } })).body, 'Stop ignoring')

  const page = await threadPage(app, id, { cookie })
  t.match(page.body, `details.reply[data-author="${bore.user.username}"]:not(:target)`, 'their replies fold away')
  t.match(page.body, `ol.threads > li[data-author="${bore.user.username}"]`, 'and their threads in lists')
  t.match(page.body, 'Something tiresome.', 'the post is still on the page, one click away')
  const anonymous = await threadPage(app, id)
  t.notMatch(anonymous.body, '<style>', 'nobody else is affected')
  const boresOwn = await app.inject({
    url: `/threads/${id}`,
    headers: { cookie: await browserSession(app, bore.user.username, bore.password) },
  })
  t.notMatch(boresOwn.body, `details.reply[data-author="${bore.user.username}"]:not(:target)`, 'nor the ignored member')

  const settings = await app.inject({ url: '/settings', headers: { cookie } })
  t.match(settings.body, `<a href="/members/${bore.user.username}">${bore.user.username}</a>`)
  const undone = await app.inject({
    url: `/members/${bore.user.username}/unignore`,
    ...formPost({ back: 'settings' }, { cookie }),
  })
  t.equal(undone.headers.location, '/settings')
  t.notMatch((await threadPage(app, id, { cookie })).body, ':not(:target)')
})

t.test('the ignore list through the API; refusals change nothing', async (t) => {
  const { app } = await buildTestApp(t)
  const reader = await registerMember(app)
  const other = await registerMember(app)
  const put = (name: string) => app.inject({ method: 'PUT', url: `/api/me/ignores/${name}`, headers: reader.auth })
  t.same((await put(other.user.username.toUpperCase())).json(), { ignored: [other.user.username] })
  t.same((await put(other.user.username)).json(), { ignored: [other.user.username] }, 'once only')
  const self = await put(reader.user.username)
  t.equal(self.statusCode, 400)
  t.same(self.json(), { error: 'ignore_self', message: 'You cannot ignore yourself.' })
  t.equal((await put('no-such-member')).statusCode, 404)
  t.equal((await app.inject({ method: 'PUT', url: `/api/me/ignores/${other.user.username}` })).statusCode, 401)
  t.same((await app.inject({ url: '/api/me/ignores', headers: reader.auth })).json(), {
    ignored: [other.user.username],
  })
  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/me/ignores/${other.user.username}`,
    headers: reader.auth,
  })
  t.same(removed.json(), { ignored: [] })
})

t.test(
  'in a real browser: an ignored reply is folded to a stub, and opened by its time link',
  { skip: withoutChromium },
  async (t) => {
    const built = await buildTestApp(t)
    const { app } = built
    const reader = await registerMember(app)
    const bore = await registerMember(app)
    const { id, replyId } = await discussion(built, reader, bore)
    await app.inject({ method: 'PUT', url: `/api/me/ignores/${bore.user.username}`, headers: reader.auth })
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } })
    await logIn(page, base, reader, `/threads/${id}`, `/threads/${id}-a-story`)
    const body = page.locator(`#reply-${replyId} > .body`)
    t.notOk(await body.isVisible(), 'the reply is folded away')
    const stub = await page.evaluate(
      (sel) => getComputedStyle(document.querySelector(sel)!, '::after').content,
      `#reply-${replyId} > summary`,
    )
    t.match(stub, 'post by a member you ignore')
    await page.locator(`#reply-${replyId} > summary a[href^="#"]`).click()
    t.ok(await body.isVisible(), 'opened by its time link')
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/ignored-360.png`, fullPage: true })
  },
)
