import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'

t.test(
  "more... follows the page's canonical URL only when it stays on the site and is not its home page",
  async (t) => {
    const editorial = await readFile(join(PAGES_DIR, 'editorial.html'), 'utf8')
    const withCanonical = (href: string) =>
      editorial.replace(/<link rel="canonical" href="[^"]*">/, `<link rel="canonical" href="${href}">`)
    const headers: Record<string, string | undefined>[] = []
    const serve =
      (html: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
        headers.push({ ua: req.headers['user-agent'], cookie: req.headers.cookie, referer: req.headers.referer })
        res.writeHead(200, { 'content-type': 'text/html' }).end(html)
      }
    const fixtures = await startFixtureServer(t, {
      '/same-site': serve(withCanonical('/news/2016/the-story?ref=canonical')),
      '/other-site': serve(withCanonical('https://syndicator.example/copy-of-the-story')),
      '/home-canonical': serve(withCanonical('/')),
    })
    const { app, pool, startWorker } = await buildTestApp(t)
    await startWorker()
    const member = await registerMember(app)
    const digest = async (path: string) => {
      const res = await postLink(app, member.auth, { url: fixtures.url(path), forum: 'editorials' })
      return waitForDigest(app, res.json().thread.id)
    }
    const links = async (id: number) =>
      (await pool.query('SELECT kind FROM thread_links WHERE thread_id = $1 ORDER BY kind', [id])).rows.map(
        (r: { kind: string }) => r.kind,
      )

    const same = await digest('/same-site')
    t.equal(same.sourceUrl, fixtures.url('/news/2016/the-story?ref=canonical'))
    t.same(await links(same.id as number), ['canonical', 'final', 'submitted'])

    const other = await digest('/other-site')
    t.equal(other.sourceUrl, fixtures.url('/other-site'), 'a canonical on another site is not followed')
    t.same(await links(other.id as number), ['final', 'submitted'])

    const home = await digest('/home-canonical')
    t.equal(home.sourceUrl, fixtures.url('/home-canonical'), "a canonical pointing at the site's home page is ignored")

    t.ok(headers.length >= 3)
    for (const h of headers) {
      t.match(
        h.ua,
        /^Broadsheet\/0\.1 \(\+http:\/\/localhost:3000\)$/,
        'the User-Agent names the service and its public URL',
      )
      t.equal(h.cookie, undefined, 'no cookies')
      t.equal(h.referer, undefined, 'nothing about who posted it')
    }
  },
)
