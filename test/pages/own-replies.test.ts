import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage } from '../helpers/factories.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'

type App = Awaited<ReturnType<typeof buildTestApp>>['app']
type Member = Awaited<ReturnType<typeof registerMember>>

async function threadOf(app: App, member: Member) {
  const posted = await postLink(app, member.auth, { url: 'https://example.com/own-words', forum: 'the-lounge' })
  return posted.json().thread.id as number
}

async function replyTo(app: App, member: Member, threadId: number, body: string, parentId?: number) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/replies`,
    headers: member.auth,
    payload: { body, ...(parentId ? { parentId } : {}) },
  })
  return res.json().reply.id as number
}

const postCount = async (pool: Awaited<ReturnType<typeof buildTestApp>>['pool'], member: Member) =>
  (await pool.query<{ n: number }>('SELECT post_count AS n FROM users WHERE id = $1', [member.user.id])).rows[0]!.n

t.test("replies and the poster's words are rendered as Markdown on the thread page, safely", async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, {
    url: 'https://example.com/with-comment',
    forum: 'the-lounge',
    comment: "The poster's *own* words",
  })
  const id = posted.json().thread.id as number
  await replyTo(
    app,
    member,
    id,
    '> quoted\n\n*so* **true**: [see](https://example.org/s) <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://example.org/i.png)',
  )
  const page = await threadPage(app, id)
  t.match(page.body, '<blockquote>\n<p>quoted</p>\n</blockquote>')
  t.match(page.body, '<div class="body" dir="auto"><p>The poster\'s <em>own</em> words</p></div>', 'the comment too')
  t.match(page.body, '<em>so</em> <strong>true</strong>')
  t.match(page.body, '<a href="https://example.org/s" rel="nofollow ugc noopener">see</a>')
  t.match(page.body, '&lt;script&gt;alert(1)&lt;/script&gt;')
  t.notMatch(page.body, '<script>alert(1)')
  t.notMatch(page.body, 'href="javascript:')
  t.notMatch(page.body, '<img')
})

t.test('quote and preview work without JavaScript', async (t) => {
  const { app } = await buildTestApp(t)
  const alice = await registerMember(app)
  const bob = await registerMember(app)
  const id = await threadOf(app, alice)
  const said = await replyTo(app, alice, id, 'Prices rose.\n\nWages did not.')
  const cookie = await browserSession(app, bob.user.username, bob.password)

  const thread = await threadPage(app, id)
  // The thread page is the only one that lists replies, so its Quote link is relative to it.
  t.match(thread.body, `<a href="?replyTo=${said}&amp;quote=1#reply">Quote</a>`)

  const quoting = await app.inject({
    method: 'GET',
    url: `/threads/${id}?replyTo=${said}&quote=1`,
    headers: { cookie },
  })
  t.match(quoting.body, `<input type="hidden" name="parentId" value="${said}">`)
  t.match(
    quoting.body,
    `&gt; ${alice.user.username} wrote:\n&gt;\n&gt; Prices rose.\n&gt;\n&gt; Wages did not.\n\n</textarea>`,
    'the box holds the reply as a Markdown quote with its author',
  )
  const anonymous = await threadPage(app, id, {}, `?replyTo=${said}&quote=1`)
  t.notMatch(anonymous.body, 'wrote:', 'nothing to quote into for a reader who is not logged in')

  const text = `> ${alice.user.username} wrote:\n> Prices rose.\n\nAnd *rents* too.`
  const preview = await app.inject({
    url: `/threads/${id}`,
    ...formPost({ body: text, parentId: String(said), preview: '1' }, { cookie }),
  })
  t.equal(preview.statusCode, 200)
  t.match(preview.body, '<section class="preview" aria-label="Preview">')
  t.match(preview.body, 'And <em>rents</em> too.')
  t.match(preview.body, '&gt; Prices rose.\n\nAnd *rents* too.</textarea>', 'the text is kept to go on with')
  t.match(preview.body, `<input type="hidden" name="parentId" value="${said}">`, 'still answering the same reply')
  const replies = await app.inject({ method: 'GET', url: `/api/threads/${id}/replies` })
  t.equal(replies.json().replies.length, 1, 'a preview posts nothing')

  const empty = await app.inject({ url: `/threads/${id}`, ...formPost({ body: ' ', preview: '1' }, { cookie }) })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, 'Write something before posting your reply.')

  const posted = await app.inject({
    url: `/threads/${id}`,
    ...formPost({ body: text, parentId: String(said) }, { cookie }),
  })
  t.equal(posted.statusCode, 303)
  const after = await threadPage(app, id)
  t.match(after.body, `<blockquote>\n<p>${alice.user.username} wrote:<br />\nPrices rose.</p>\n</blockquote>`)
})

t.test('edit and delete on the pages: the cached thread shows the change, the tree keeps its shape', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const alice = await registerMember(app)
  const bob = await registerMember(app)
  const id = await threadOf(app, alice)
  const said = await replyTo(app, alice, id, 'Original words.')
  const answer = await replyTo(app, bob, id, 'An answer to it.', said)
  const aliceCookie = await browserSession(app, alice.user.username, alice.password)
  const bobCookie = await browserSession(app, bob.user.username, bob.password)

  const shared = await threadPage(app, id)
  t.notMatch(shared.body, '/edit">Edit</a>', 'the page everyone shares has no Edit link')
  t.notMatch(shared.body, 'data-author="" ')
  const mine = await threadPage(app, id, { cookie: aliceCookie })
  t.match(
    mine.body,
    `<span class="tools"><a href="/replies/${said}/edit">Edit</a><a href="/replies/${said}/delete">Delete</a></span>`,
    'the author has Edit and Delete under their reply',
  )
  t.notMatch(mine.body, `/replies/${answer}/edit`, 'and not under the answer')
  t.match((await threadPage(app, id, { cookie: bobCookie })).body, `/replies/${answer}/edit">Edit</a>`)

  const refused = await app.inject({ method: 'GET', url: `/replies/${said}/edit`, headers: { cookie: bobCookie } })
  t.equal(refused.statusCode, 403)
  t.match(refused.body, 'Only the member who wrote this reply can change or delete it.')
  const refusedPost = await app.inject({
    url: `/replies/${said}/edit`,
    ...formPost({ body: 'Hijacked.' }, { cookie: bobCookie }),
  })
  t.equal(refusedPost.statusCode, 403)
  const refusedDelete = await app.inject({ url: `/replies/${said}/delete`, ...formPost({}, { cookie: bobCookie }) })
  t.equal(refusedDelete.statusCode, 403)
  const anonymous = await app.inject({ method: 'GET', url: `/replies/${said}/edit` })
  t.equal(anonymous.statusCode, 303)
  t.match(anonymous.headers.location, `/login?next=${encodeURIComponent(`/replies/${said}/edit`)}`)
  const anonymousPost = await app.inject({ url: `/replies/${said}/delete`, ...formPost({}) })
  t.equal(anonymousPost.statusCode, 401)
  const still = await threadPage(app, id)
  t.match(still.body, 'Original words.', 'nothing changed')

  const form = await app.inject({ method: 'GET', url: `/replies/${said}/edit`, headers: { cookie: aliceCookie } })
  t.equal(form.statusCode, 200)
  t.match(form.body, '>Original words.</textarea>')
  const preview = await app.inject({
    url: `/replies/${said}/edit`,
    ...formPost({ body: 'Original words, *amended*.', preview: '1' }, { cookie: aliceCookie }),
  })
  t.match(preview.body, 'Original words, <em>amended</em>.')
  t.match(preview.body, '>Original words, *amended*.</textarea>')
  const saved = await app.inject({
    url: `/replies/${said}/edit`,
    ...formPost({ body: 'Original words, *amended*.' }, { cookie: aliceCookie }),
  })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, `/threads/${id}#reply-${said}`)
  const edited = await threadPage(app, id)
  t.match(edited.body, 'Original words, <em>amended</em>.', 'the cached page shows the edit on the next request')
  t.match(edited.body, '<span class="edited"> &#183; edited <time datetime="')

  const confirm = await app.inject({ method: 'GET', url: `/replies/${said}/delete`, headers: { cookie: aliceCookie } })
  t.match(confirm.body, 'Delete your reply?')
  const gone = await app.inject({ url: `/replies/${said}/delete`, ...formPost({}, { cookie: aliceCookie }) })
  t.equal(gone.statusCode, 303)
  t.equal(await postCount(pool, alice), 1, 'the thread is left: its reply no longer counts')
  const after = await threadPage(app, id)
  t.notMatch(after.body, 'Original words', 'the text is no longer shown')
  const placeholder = after.body.indexOf(`id="reply-${said}"`)
  t.ok(placeholder > 0, 'its place stays')
  t.ok(after.body.indexOf('Deleted by its author.', placeholder) > placeholder)
  const answers = after.body.indexOf('<div class="answers">', placeholder)
  t.ok(
    answers > placeholder && after.body.indexOf(`id="reply-${answer}"`) > answers,
    'its answer stays nested under it',
  )
  t.notMatch(after.body.slice(placeholder, answers), '/edit">Edit', 'nothing left to edit')
  const page = await app.inject({ method: 'GET', url: `/members/${alice.user.username}` })
  t.notMatch(page.body, 'Original words', "gone from the member's page too")
})

t.test(
  'in a real browser at 360 px: quote a reply, preview, post, then edit and delete your own',
  { skip: withoutChromium },
  async (t) => {
    const { app } = await buildTestApp(t)
    const alice = await registerMember(app)
    const bob = await registerMember(app)
    const id = await threadOf(app, alice)
    const said = await replyTo(app, alice, id, 'Rents are *up* again.\n\nSee https://example.org/rents')
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } })
    page.setDefaultTimeout(30_000)
    const shot = (name: string) =>
      process.env.SCREENSHOT_DIR
        ? page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}.png`, fullPage: true })
        : undefined

    await logIn(page, base, bob, `/threads/${id}`)

    const quoted = page.locator(`#reply-${said}`)
    t.notOk(await quoted.getByRole('link', { name: 'Edit' }).isVisible(), "no Edit under another member's reply")
    await quoted.getByRole('link', { name: 'Quote' }).click()
    const box = page.getByLabel('Your reply')
    t.equal(
      await box.inputValue(),
      `> ${alice.user.username} wrote:\n>\n> Rents are *up* again.\n>\n> See https://example.org/rents\n\n`,
    )
    await box.fill(`${await box.inputValue()}Not where I live.`)
    await page.getByRole('button', { name: 'Preview' }).click()
    const preview = page.locator('section.preview')
    await preview.waitFor()
    t.match(await preview.locator('blockquote').textContent(), `${alice.user.username} wrote:`)
    t.match(await preview.textContent(), 'Not where I live.')
    t.match(await page.getByLabel('Your reply').inputValue(), /Not where I live\.$/, 'the text is kept')
    await page.getByRole('button', { name: 'Post reply' }).click()
    await page.waitForURL(/#reply-\d+$/)
    const mine = page.locator(`#reply-${said} .answers > details.reply`).first()
    t.match(await mine.locator('.body blockquote').textContent(), 'Rents are up again.', 'the quote, nested')
    t.ok(await mine.getByRole('link', { name: 'Edit' }).isVisible(), 'Edit under your own reply')
    await shot('quote-reply-360')

    await mine.getByRole('link', { name: 'Edit' }).click()
    await page.waitForURL(/\/replies\/\d+\/edit$/)
    await page.getByLabel('Your reply').fill('Not where I live: **down** 3%.')
    await page.getByRole('button', { name: 'Preview' }).click()
    t.equal(await page.locator('section.preview strong').textContent(), 'down', 'the edit previewed')
    await shot('edit-reply-360')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/#reply-\d+$/)
    const edited = page.locator(`#reply-${said} .answers > details.reply`).first()
    t.equal(await edited.locator('.body strong').textContent(), 'down')
    t.match(await edited.locator('summary').textContent(), 'edited')

    await edited.getByRole('link', { name: 'Delete' }).click()
    await page.getByRole('button', { name: 'Delete the reply' }).click()
    await page.waitForURL(/#reply-\d+$/)
    const deleted = page.locator(`#reply-${said} .answers > details.reply`).first()
    t.equal((await deleted.locator('.body').textContent())?.trim(), 'Deleted by its author.')
    t.equal(await deleted.getByRole('link', { name: 'Edit' }).count(), 0)
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(scroll <= 360, `no sideways scrolling (${scroll}px)`)
    await shot('deleted-reply-360')
  },
)
