import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'
import { browserSession, formPost, postLink, registerMember } from '../helpers/factories.js'

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  return (server.address() as AddressInfo).port
}

/** An admin, made so in the database before their first request (the session memory reads the role once). */
async function registerAdmin(app: Parameters<typeof registerMember>[0], pool: import('pg').Pool) {
  const admin = await registerMember(app)
  await pool.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id])
  return admin
}

const ruleCount = async (pool: import('pg').Pool) =>
  (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM domain_rules')).rows[0]!.n

t.test('only admins see and change the domain rules, in the API and the pages', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  await pool.query(`INSERT INTO domain_rules (domain, kind, reason) VALUES ('kept.example', 'blocked', 'Kept.')`)
  const before = await ruleCount(pool)
  const forbidden = { error: 'forbidden', message: 'Only admins keep the rules for domains.' }

  const list = await app.inject({ url: '/api/admin/domains', headers: member.auth })
  t.equal(list.statusCode, 403)
  t.same(list.json(), forbidden)
  const add = await app.inject({
    method: 'POST',
    url: '/api/admin/domains',
    headers: member.auth,
    payload: { domain: 'rival.example', kind: 'blocked', reason: 'I do not like them.' },
  })
  t.equal(add.statusCode, 403)
  t.same(add.json(), forbidden)
  const remove = await app.inject({ method: 'DELETE', url: '/api/admin/domains/kept.example', headers: member.auth })
  t.equal(remove.statusCode, 403)
  t.same(remove.json(), forbidden)
  t.equal((await app.inject({ url: '/api/admin/domains' })).statusCode, 401, 'anonymous: log in first')

  const page = await app.inject({ url: '/admin/domains', headers: { cookie } })
  t.equal(page.statusCode, 403)
  t.notMatch(page.body, 'href="/admin/domains"', 'members have no link to it')
  t.match(page.body, 'Only admins keep the rules for domains.')
  const addForm = await app.inject({
    url: '/admin/domains',
    ...formPost({ domain: 'rival.example', kind: 'blocked', reason: 'No.' }, { cookie }),
  })
  t.equal(addForm.statusCode, 403)
  const removeForm = await app.inject({
    url: '/admin/domains/remove',
    ...formPost({ domain: 'kept.example' }, { cookie }),
  })
  t.equal(removeForm.statusCode, 403)
  t.equal((await app.inject({ url: '/admin/domains' })).headers.location, '/login?next=%2Fadmin%2Fdomains')

  t.equal(await ruleCount(pool), before, 'nothing changed')
  t.equal((await pool.query(`SELECT count(*)::int AS n FROM domain_rules WHERE domain = 'kept.example'`)).rows[0].n, 1)
})

t.test('a blocked domain is refused at submit with its reason, pages and API', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const admin = await registerAdmin(app, pool)
  const member = await registerMember(app)

  const added = await app.inject({
    method: 'POST',
    url: '/api/admin/domains',
    headers: admin.auth,
    payload: { domain: 'https://www.Spam.example/buy', kind: 'blocked', reason: 'It sells pills, not news.' },
  })
  t.equal(added.statusCode, 200)
  t.match(added.json().rules, [
    { domain: 'spam.example', kind: 'blocked', reason: 'It sells pills, not news.', createdBy: admin.user.username },
  ])

  const refused = await postLink(app, member.auth, { url: 'https://shop.spam.example/deal', forum: 'the-lounge' })
  t.equal(refused.statusCode, 422)
  t.same(refused.json(), {
    error: 'blocked_domain',
    message: 'Links to spam.example are not accepted here: It sells pills, not news.',
  })

  const cookie = await browserSession(app, member.user.username, member.password)
  const form = await app.inject({
    url: '/post',
    ...formPost({ url: 'https://spam.example/deal', comment: 'Look!', forum: 'the-lounge' }, { cookie }),
  })
  t.equal(form.statusCode, 422)
  t.match(form.body, 'Links to spam.example are not accepted here: It sells pills, not news.')
  t.match(form.body, 'value="https://spam.example/deal"')
  t.match(form.body, '>Look!</textarea>')
  t.equal((await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0].n, 0)

  const bad = await app.inject({
    method: 'POST',
    url: '/api/admin/domains',
    headers: admin.auth,
    payload: { domain: 'not a domain', kind: 'blocked', reason: 'x' },
  })
  t.equal(bad.statusCode, 400)
  t.equal(bad.json().error, 'invalid_domain')

  const removed = await app.inject({ method: 'DELETE', url: '/api/admin/domains/spam.example', headers: admin.auth })
  t.equal(removed.statusCode, 200)
  t.notOk(removed.json().rules.some((r: { domain: string }) => r.domain === 'spam.example'))
  const again = await app.inject({ method: 'DELETE', url: '/api/admin/domains/spam.example', headers: admin.auth })
  t.equal(again.statusCode, 404)
  t.equal(
    (await postLink(app, member.auth, { url: 'http://127.0.0.1:9/deal', forum: 'the-lounge' })).statusCode,
    202,
    'links elsewhere are posted as before',
  )
})

t.test('admins keep the rules on /admin/domains', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const admin = await registerAdmin(app, pool)
  const cookie = await browserSession(app, admin.user.username, admin.password)
  const page = await app.inject({ url: '/admin/domains', headers: { cookie } })
  t.equal(page.statusCode, 200)
  t.match(page.body, '<a href="/admin/domains">Domains</a>', 'admins find the page in their header')
  t.match(page.body, '<strong>bit.ly</strong>', 'well-known shorteners are there from the start')

  const refused = await app.inject({
    url: '/admin/domains',
    ...formPost({ domain: 'spam.example', kind: 'blocked', reason: '   ' }, { cookie }),
  })
  t.equal(refused.statusCode, 400)
  t.match(refused.body, 'Say why: members whose links are refused are shown it.')
  t.match(refused.body, 'value="spam.example"', 'the domain typed is kept')

  const saved = await app.inject({
    url: '/admin/domains',
    ...formPost({ domain: 'spam.example', kind: 'shortener', reason: 'Redirects to the real page.' }, { cookie }),
  })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, '/admin/domains?done=saved')
  t.same((await pool.query(`SELECT kind, reason FROM domain_rules WHERE domain = 'spam.example'`)).rows, [
    { kind: 'shortener', reason: 'Redirects to the real page.' },
  ])
  const shown = await app.inject({ url: '/admin/domains?done=saved', headers: { cookie } })
  t.match(shown.body, 'The rule is saved.')
  t.match(shown.body, 'Redirects to the real page.')

  const removed = await app.inject({
    url: '/admin/domains/remove',
    ...formPost({ domain: 'spam.example' }, { cookie }),
  })
  t.equal(removed.headers.location, '/admin/domains?done=removed')
  t.equal((await pool.query(`SELECT count(*)::int AS n FROM domain_rules WHERE domain = 'spam.example'`)).rows[0].n, 0)
})

t.test(
  'a shortened link is followed (address guard on) before the duplicate check, never shown as the source',
  async (t) => {
    const articles = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>News</p>'))
    const articlePort = await listen(articles, '127.0.0.1')
    const hits: string[] = []
    const shortener = createServer((req, res) => {
      hits.push(req.url ?? '')
      const to: Record<string, string> = {
        '/known': `http://127.0.0.1:${articlePort}/story?utm_source=short`,
        '/new': `http://127.0.0.1:${articlePort}/other-story`,
        '/twice': '/known',
        '/private': 'http://10.0.0.1/inside',
        '/private-hop': 'http://10.0.0.2/next-hop',
        '/blocked': 'https://spam.example/deal',
      }
      const location = to[req.url ?? '']
      if (location) res.writeHead(301, { location }).end()
      else res.writeHead(404).end()
    })
    const shortPort = await listen(shortener, '127.0.0.2')
    t.teardown(() => {
      articles.close()
      shortener.close()
    })
    const { app, pool } = await buildTestApp(t, { env: { FETCH_ALLOW_HOSTS: '127.0.0.1,127.0.0.2' } })
    const admin = await registerAdmin(app, pool)
    const member = await registerMember(app)
    for (const [domain, kind] of [
      ['127.0.0.2', 'shortener'],
      // A shortener at a private address: following it must stop at the address guard.
      ['10.0.0.2', 'shortener'],
      ['spam.example', 'blocked'],
    ])
      t.equal(
        (
          await app.inject({
            method: 'POST',
            url: '/api/admin/domains',
            headers: admin.auth,
            payload: { domain, kind, reason: 'For the test.' },
          })
        ).statusCode,
        200,
      )

    const original = await postLink(app, admin.auth, {
      url: `http://127.0.0.1:${articlePort}/story`,
      forum: 'the-lounge',
    })
    t.equal(original.statusCode, 202)
    const short = `http://127.0.0.2:${shortPort}`

    const duplicate = await postLink(app, member.auth, {
      url: `${short}/twice`,
      forum: 'the-lounge',
      comment: 'Seen it?',
    })
    t.equal(duplicate.statusCode, 200, 'two hops of the shortener lead to a link already posted')
    t.equal(duplicate.json().duplicate, true)
    t.equal(duplicate.json().thread.id, original.json().thread.id)
    t.same(hits, ['/twice', '/known'], 'the shortener was asked; the article was not fetched at submit')

    const fresh = await postLink(app, member.auth, { url: `${short}/new`, forum: 'the-lounge' })
    t.equal(fresh.statusCode, 202)
    const thread = fresh.json().thread
    t.equal(thread.submittedUrl, `http://127.0.0.1:${articlePort}/other-story`)
    t.notMatch(thread.sourceUrl, '127.0.0.2', 'the shortener is not the source')
    t.same((await pool.query('SELECT url FROM thread_links WHERE thread_id = $1', [thread.id])).rows, [
      { url: `http://127.0.0.1:${articlePort}/other-story` },
    ])

    const refusals = [
      [
        `${short}/private-hop`,
        422,
        'shortener_unresolved',
        /^127\.0\.0\.2 is a link shortener and we could not follow this link to the article \(That address is private or reserved; we do not fetch it\); post the article’s own link instead\.$/,
      ],
      [`${short}/private`, 400, 'blocked_address', /^That address is private or reserved; we do not fetch it\.$/],
      [
        `${short}/gone`,
        422,
        'shortener_unresolved',
        /could not follow this link to the article \(The page was not found \(HTTP 404\)\)/,
      ],
      [`${short}/blocked`, 422, 'blocked_domain', /^Links to spam\.example are not accepted here: For the test\.$/],
    ] as const
    for (const [url, status, error, message] of refusals) {
      const res = await postLink(app, member.auth, { url, forum: 'the-lounge' })
      t.equal(res.statusCode, status, url)
      t.equal(res.json().error, error)
      t.match(res.json().message, message)
    }
    t.notOk(
      hits.some((h) => h.includes('inside') || h.includes('next-hop')),
      'nothing private was reached',
    )
    t.equal((await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0].n, 2, 'refused links made no thread')
  },
)

t.test('the domain rules page in a real browser at 360 and 1280 px', { skip: withoutChromium }, async (t) => {
  const { app, pool } = await buildTestApp(t)
  const admin = await registerAdmin(app, pool)
  const base = await listenOnLoopback(app)
  const browser = await openBrowser(t)
  for (const width of [360, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } })
    await logIn(page, base, admin, '/admin/domains')
    const domain = `a-very-long-subdomain-name-for-a-narrow-screen-${width}.spam.example`
    await page.getByLabel('Domain').fill(domain)
    await page.getByLabel('Rule').selectOption('blocked')
    await page.getByLabel('Reason').fill('Sells pills, not news.')
    await page.getByRole('button', { name: 'Save the rule' }).click()
    await page.waitForURL(`${base}/admin/domains?done=saved`)
    t.match(await page.locator('ul.domain-rules').first().textContent(), `${domain} — Sells pills, not news.`)
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
    t.ok(scroll <= width, `no sideways scrolling at ${width} px (${scroll}px)`)
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/domain-rules-${width}.png`, fullPage: true })
    await page.close()
  }
})
