import t from 'tap'
import { JSDOM } from 'jsdom'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage } from '../helpers/factories.js'
import { threadPath } from '../../src/views/thread-path.js'
import { digestedThread } from '../helpers/feeds.js'

const PUBLIC_URL = 'https://forum.example'
const env = { PUBLIC_URL }
const dom = (html: string) => new JSDOM(html).window.document

t.test('/submit opens the posting form filled with the address and title; the forum is chosen there', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app } = built
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const url = 'https://news.example/a-story?id=7&lang=en'
  const query = `url=${encodeURIComponent(url)}&title=${encodeURIComponent('  A story  —\n the site ')}`

  const loggedOut = await app.inject({ url: `/submit?${query}` })
  t.equal(loggedOut.statusCode, 303)
  t.equal(
    loggedOut.headers.location,
    `/login?next=${encodeURIComponent(`/submit?${query}`)}`,
    'log in first, then back to the filled form',
  )

  const res = await app.inject({ url: `/submit?${query}`, headers: { cookie } })
  t.equal(res.statusCode, 200)
  const form = dom(res.body).querySelector('form[action="/post"]')!
  t.equal(form.querySelector<HTMLInputElement>('input[name="url"]')?.value, url)
  t.equal(form.querySelector<HTMLInputElement>('input[name="title"]')?.value, 'A story — the site')
  t.equal(form.querySelector<HTMLSelectElement>('select[name="forum"]')?.value, '', 'the forum is left to choose')
  t.ok(form.querySelector('select[name="forum"]')?.hasAttribute('autofocus'), 'and the choice is where the cursor goes')
  const long = await app.inject({
    url: `/submit?title=${'x'.repeat(500)}&url=${encodeURIComponent(url)}`,
    headers: { cookie },
  })
  t.equal(long.statusCode, 200, 'a long page title is cut, not refused')
  t.equal(dom(long.body).querySelector<HTMLInputElement>('input[name="title"]')?.value.length, 200)

  // Posting the filled form: the title is the heading until the digest's headline replaces it.
  const posted = await app.inject({
    url: '/post',
    ...formPost({ url, title: 'A story — the site', forum: 'economy', comment: '' }, { cookie }),
  })
  t.equal(posted.statusCode, 303)
  const id = Number(/\/threads\/(\d+)/.exec(posted.headers.location as string)![1])
  const page = dom((await threadPage(app, id)).body)
  t.equal(page.querySelector('h1')?.textContent, 'A story — the site')
  const { rows } = await built.pool.query('SELECT title, status FROM threads WHERE id = $1', [id])
  t.same(rows[0], { title: 'A story — the site', status: 'pending' })

  const refused = await app.inject({
    url: '/post',
    ...formPost({ url, title: 'x'.repeat(201), forum: 'economy' }, { cookie }),
  })
  t.equal(refused.statusCode, 400, 'a title longer than a headline is refused on the form')
  t.equal(dom(refused.body).querySelector<HTMLInputElement>('input[name="url"]')?.value, url, 'with what was typed')
})

t.test('the API takes the same title hint', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app } = built
  const member = await registerMember(app)
  const res = await app.inject({
    method: 'POST',
    url: '/api/threads',
    headers: member.auth,
    payload: { url: 'https://news.example/api-story', forum: 'economy', title: 'From the API' },
  })
  t.equal(res.statusCode, 202)
  t.equal(res.json().thread.title, 'From the API')
  const untitled = await postLink(app, member.auth, { url: 'https://news.example/untitled', forum: 'economy' })
  t.equal(untitled.json().thread.title, null, 'no hint: no title until the digest')
  const tooLong = await app.inject({
    method: 'POST',
    url: '/api/threads',
    headers: member.auth,
    payload: { url: 'https://news.example/long', forum: 'economy', title: 'x'.repeat(201) },
  })
  t.equal(tooLong.statusCode, 400)
  t.equal(tooLong.json().error, 'invalid_request')
})

t.test('/help offers the bookmarklet, which opens /submit with the page being read', async (t) => {
  const { app } = await buildTestApp(t, { env })
  const res = await app.inject({ url: '/help' })
  t.equal(res.statusCode, 200)
  const link = dom(res.body).querySelector('a.bookmarklet')!
  const href = link.getAttribute('href')!
  t.match(href, /^javascript:/)
  t.match(
    href,
    `'${PUBLIC_URL}/submit?url='+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title)`,
  )
  t.match(dom(res.body).querySelector('#bookmarklet')?.textContent, 'Drag this button to your browser')
  t.ok(dom((await app.inject({ url: '/' })).body).querySelector('footer a[href="/help"]'), 'every page leads to it')
})

t.test('a thread page previews well elsewhere: Open Graph, Twitter card and oEmbed', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app, pool } = built
  const poster = await registerMember(app)
  const thread = await digestedThread(built, poster.auth, { slug: 'shared', site: 'Shared News' })
  await pool.query(`UPDATE threads SET image_url = 'https://news.example/picture.jpg' WHERE id = $1`, [thread.id])

  const page = dom((await threadPage(app, thread.id)).body)
  const meta = (key: string) =>
    page.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? undefined
  t.equal(meta('og:title'), thread.title)
  t.equal(meta('og:site_name'), 'Broadsheet')
  t.equal(meta('og:description'), 'First sentence of shared.', 'the first sentence of the excerpt')
  t.equal(meta('og:url'), `${PUBLIC_URL}${threadPath(thread.id, thread.title)}`)
  t.equal(meta('og:type'), 'article')
  t.equal(meta('og:image'), 'https://news.example/picture.jpg')
  t.equal(meta('twitter:card'), 'summary')
  t.equal(meta('twitter:title'), undefined, 'X reads the title and description from the Open Graph tags')

  const discovery = page.querySelector('link[rel="alternate"][type="application/json+oembed"]')?.getAttribute('href')
  t.equal(
    discovery,
    `${PUBLIC_URL}/api/oembed?url=${encodeURIComponent(`${PUBLIC_URL}${threadPath(thread.id, thread.title)}`)}&format=json`,
  )
  const oembed = await app.inject({ url: discovery!.slice(PUBLIC_URL.length) })
  t.equal(oembed.statusCode, 200)
  t.same(oembed.json(), {
    version: '1.0',
    type: 'link',
    title: thread.title,
    provider_name: 'Broadsheet',
    provider_url: `${PUBLIC_URL}/`,
    author_name: poster.user.username,
    author_url: `${PUBLIC_URL}/members/${poster.user.username}`,
    thumbnail_url: 'https://news.example/picture.jpg',
  })
  const elsewhere = await app.inject({
    url: `/api/oembed?url=${encodeURIComponent('https://other.example/threads/1')}`,
  })
  t.equal(elsewhere.statusCode, 404)
  t.equal(elsewhere.json().error, 'unknown_thread')
  const xml = await app.inject({
    url: `/api/oembed?format=xml&url=${encodeURIComponent(`${PUBLIC_URL}/threads/${thread.id}`)}`,
  })
  t.equal(xml.statusCode, 501)

  // A hidden thread previews as nothing elsewhere.
  await pool.query(`UPDATE threads SET hidden_at = now(), hidden_by = 'moderator' WHERE id = $1`, [thread.id])
  t.notOk(dom((await threadPage(app, thread.id)).body).querySelector('meta[property="og:title"]'))
  t.equal((await app.inject({ url: discovery!.slice(PUBLIC_URL.length) })).statusCode, 404)

  // Lists are not articles: no preview tags there.
  t.notOk(dom((await app.inject({ url: '/' })).body).querySelector('meta[property="og:title"]'))
})
