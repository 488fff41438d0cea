import { lookup } from 'node:dns/promises'
import { hostname } from 'node:os'
import t from 'tap'
import { isPublicAddress } from '../../src/fetch/address-guard.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

const PRIVATE = 'That address is private or reserved; we do not fetch it.'
const OWN_SITE = 'That is a page of this forum; post the link of a news article.'

const countThreads = async (pool: { query: (sql: string) => Promise<{ rows: { n: number }[] }> }) =>
  (await pool.query('SELECT count(*)::int AS n FROM threads')).rows[0]!.n

t.test('links that cannot be fetched are refused at submit, in the worker’s words', async (t) => {
  const { app, pool } = await buildTestApp(t, {
    env: { PUBLIC_URL: 'https://forum.example.org', FETCH_ALLOW_HOSTS: '' },
  })
  const member = await registerMember(app)
  const cases: [string, string, string][] = [
    ['http://10.0.0.1/x', 'blocked_address', PRIVATE],
    ['http://192.168.1.1:22/', 'blocked_address', PRIVATE],
    ['http://169.254.169.254/latest/meta-data/', 'blocked_address', PRIVATE],
    ['http://[::1]/', 'blocked_address', PRIVATE],
    ['http://[::ffff:10.0.0.1]/', 'blocked_address', PRIVATE],
    ['http://0.0.0.0:3000/', 'blocked_address', PRIVATE],
    ['http://localhost:3000/', 'blocked_address', PRIVATE],
    ['https://api.localhost/status', 'blocked_address', PRIVATE],
    [
      'http://93.184.216.34:22/',
      'blocked_address',
      'We only fetch pages from the usual web ports (80, 443, 8080, 8443), not port 22.',
    ],
    ['https://forum.example.org/threads/1', 'own_site', OWN_SITE],
    ['http://www.forum.example.org/forums/editorials', 'own_site', OWN_SITE],
  ]
  for (const [url, error, message] of cases) {
    const res = await postLink(app, member.auth, { url, forum: 'editorials', comment: 'Look at this' })
    t.equal(res.statusCode, 400, url)
    t.same(res.json(), { error, message }, url)
  }

  const viaHost = await postLink(
    app,
    { ...member.auth, host: 'news.club.test:8080' },
    { url: 'http://news.club.test:8080/threads/2', forum: 'editorials' },
  )
  t.same(viaHost.json(), { error: 'own_site', message: OWN_SITE }, 'the Host the request came to is the forum too')
  t.equal(await countThreads(pool), 0, 'nothing stored')
})

// The machine's own name is a real name that resolves to private addresses on most machines (/etc/hosts, containers).
const name = hostname()
const resolved = await lookup(name, { all: true }).catch(() => [])
const resolvesPrivately = resolved.length > 0 && !resolved.some((r) => isPublicAddress(r.address))

t.test(
  'a name that resolves only to private addresses is refused',
  { skip: resolvesPrivately ? false : `${name} does not resolve to private addresses only here` },
  async (t) => {
    const { app } = await buildTestApp(t, { env: { FETCH_ALLOW_HOSTS: '' } })
    const member = await registerMember(app)
    const res = await postLink(app, member.auth, { url: `http://${name}/admin`, forum: 'editorials' })
    t.equal(res.statusCode, 400)
    t.same(res.json(), { error: 'blocked_address', message: PRIVATE })
  },
)

t.test(
  'FETCH_ALLOW_HOSTS still allows what it lists; a name that does not resolve is left to the worker',
  async (t) => {
    const fixtures = await startFixtureServer(t)
    const { app, pool } = await buildTestApp(t, { env: { FETCH_ALLOW_HOSTS: '127.0.0.1, 10.0.0.0/8, intranet.test' } })
    const member = await registerMember(app)
    const port = new URL(fixtures.url('/')).port
    for (const url of [
      fixtures.url('/editorial.html'),
      `http://localhost:${port}/editorial.html`,
      'http://10.1.2.3:9000/report',
      'http://intranet.test/news',
      'https://no-such-host.invalid/story',
    ]) {
      const res = await postLink(app, member.auth, { url, forum: 'editorials' })
      t.equal(res.statusCode, 202, url)
    }
    t.equal(await countThreads(pool), 5)
  },
)

t.test('the posting form shows the refusal with what was typed', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const res = await app.inject({
    url: '/forums/editorials/post',
    ...formPost({ url: 'http://10.0.0.1/x', comment: 'Worth "a" look' }, { cookie }),
  })
  t.equal(res.statusCode, 400)
  t.match(res.body, `<p class="error" role="alert">${PRIVATE}</p>`)
  t.match(res.body, 'value="http://10.0.0.1/x"')
  t.match(res.body, 'Worth &quot;a&quot; look</textarea>')

  const own = await app.inject({
    url: '/forums/editorials/post',
    ...formPost({ url: 'http://localhost:3000/forums/editorials' }, { cookie }),
  })
  t.equal(own.statusCode, 400)
  t.match(own.body, OWN_SITE, 'PUBLIC_URL (http://localhost:3000 by default) is the forum')
  t.equal(await countThreads(pool), 0)
})
