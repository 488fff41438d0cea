import { createServer, type AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp, queueKinds } from '../helpers/build-app.js'
import { browserSession, formPost, registerMember } from '../helpers/factories.js'
import { inlineStyleSources } from '../helpers/csp.js'
import { capturedLog } from '../helpers/log-lines.js'

const TOKEN = 'metrics-token-0123456789'

for (const queue of queueKinds()) {
  t.test(`health and readiness (${queue} queue)`, async (t) => {
    const { log, lines } = capturedLog<{ req?: { url: string; method: string }; res?: { statusCode: number } }>()
    const { app, pool } = await buildTestApp(t, { queue, log })
    const alive = await app.inject({ url: '/healthz' })
    t.equal(alive.statusCode, 200)
    t.same(alive.json(), { status: 'ok' })

    const ready = await app.inject({ url: '/readyz' })
    t.equal(ready.statusCode, 200, ready.body)
    t.same(ready.json(), { status: 'ready', checks: { database: 'ok', queue: 'ok', migrations: 'ok' } })
    const probed = (url: string) => lines.filter((l) => l.req?.url === url || l.msg.startsWith('Not ready'))
    t.same([...probed('/healthz'), ...probed('/readyz')], [], 'probes that pass write no log line')
    t.equal((await app.inject({ url: '/api/forums' })).statusCode, 200)
    t.same(
      lines.filter((l) => l.req?.url === '/api/forums').map((l) => [l.msg, l.req?.method, l.res?.statusCode]),
      [['request completed', 'GET', 200]],
      'other requests are still logged, one line each with what was asked and the answer',
    )

    // A migration this code ships with that the database has not recorded: not ready.
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1')
    await pool.query('DELETE FROM schema_migrations WHERE name = $1', [rows[0]!.name])
    const behind = await app.inject({ url: '/readyz' })
    t.equal(behind.statusCode, 503)
    t.equal(behind.headers['retry-after'], '5')
    const body = behind.json() as { error: string; message: string; checks: Record<string, string> }
    t.equal(body.error, 'not_ready')
    t.equal(body.checks.database, 'ok')
    t.equal(body.checks.migrations, `Not applied: ${rows[0]!.name}`)
    t.match(body.message, /migrations/)
    t.match(
      lines.filter((l) => l.level >= 40),
      [{ level: 40, msg: 'Not ready: migrations.' }],
      'a probe that fails says so, as a warning',
    )
    await pool.query('INSERT INTO schema_migrations (name) VALUES ($1)', [rows[0]!.name])
  })
}

t.test('metrics: Prometheus text behind the token, 404 without one set', async (t) => {
  const closed = await buildTestApp(t)
  const hidden = await closed.app.inject({ url: '/metrics' })
  t.equal(hidden.statusCode, 404)
  t.notMatch(hidden.body, /broadsheet_/)

  const { app } = await buildTestApp(t, { env: { METRICS_TOKEN: TOKEN } })
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 401)
  const wrong = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456788' } })
  t.equal(wrong.statusCode, 401)
  t.notMatch(wrong.body, /broadsheet_/)

  // A page read twice: one render, then a kept copy.
  await app.inject({ url: '/forums' })
  await app.inject({ url: '/forums' })
  const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = res.body
  t.match(text, /# TYPE broadsheet_http_request_duration_seconds histogram/)
  t.match(text, /broadsheet_http_request_duration_seconds_count\{route="\/forums",method="GET",status="200"\} [1-9]/)
  t.match(text, /broadsheet_http_request_duration_seconds_count\{route="\/metrics",method="GET",status="401"\} [1-9]/)
  for (const state of ['waiting', 'active', 'delayed', 'failed']) {
    t.match(text, new RegExp(`broadsheet_queue_jobs\\{state="${state}"\\} 0`), state)
  }
  t.match(text, /broadsheet_db_pool_connections\{state="total"\} [1-9]/)
  t.match(text, /broadsheet_page_cache_lookups_total\{result="hit"\} [1-9]/)
  t.match(text, /broadsheet_page_cache_lookups_total\{result="miss"\} [1-9]/)
  t.match(text, /# TYPE broadsheet_digest_duration_seconds histogram/)
  t.match(text, /# TYPE broadsheet_fetch_duration_seconds histogram/)
  t.match(text, /# TYPE broadsheet_extract_duration_seconds histogram/)
  t.match(text, /broadsheet_process_resident_memory_bytes \d/)
  // Every sample line is a metric name, optional labels and a number.
  for (const line of text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))) {
    if (!/^[a-z_:][a-z0-9_:]*(\{[^}]*\})? [-+0-9.eEInfa]+$/.test(line)) t.fail(`not a sample: ${line}`)
  }
})

t.test('metrics on a port of their own (METRICS_PORT), the web port staying closed', async (t) => {
  const free = createServer()
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve))
  const port = (free.address() as AddressInfo).port
  await new Promise((resolve) => free.close(resolve))
  const { app } = await buildTestApp(t, { env: { METRICS_PORT: String(port), HOST: '127.0.0.1' } })
  await app.ready()
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 404, 'not on the web port without a token')
  const res = await fetch(`http://127.0.0.1:${port}/metrics`)
  t.equal(res.status, 200)
  const text = await res.text()
  t.match(text, /broadsheet_queue_jobs\{state="waiting"\} 0/)
  t.match(text, /broadsheet_db_pool_connections\{state="total"\} \d/)
  t.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200)
  t.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 404, 'nothing else there')
})

t.test('security headers on pages, the API and static files', async (t) => {
  const { app } = await buildTestApp(t, { env: { TRUST_PROXY: 'true' } })
  for (const url of ['/', '/api/forums', '/static/style.css', '/healthz']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    const csp = String(res.headers['content-security-policy'])
    t.match(csp, /default-src 'self'/, url)
    t.match(csp, /script-src 'self'(;|$)/, url)
    t.match(csp, /style-src 'self'(;|$)/, url)
    t.match(csp, /frame-ancestors 'none'/, url)
    t.notMatch(csp, /unsafe-inline|unsafe-eval/, url)
    t.equal(res.headers['x-content-type-options'], 'nosniff', url)
    t.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', url)
    t.equal(res.headers['x-frame-options'], 'DENY', url)
    t.equal(res.headers['strict-transport-security'], undefined, `${url}: no HSTS over plain HTTP`)
  }
  const tls = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } })
  t.match(tls.headers['strict-transport-security'], /^max-age=31536000/)

  // A member's own CSS goes through by its hash, and only its own.
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const other = await registerMember(app)
  await app.inject({ url: `/members/${other.user.username}/ignore`, ...formPost({}, { cookie }) })
  for (const url of ['/', `/members/${other.user.username}`]) {
    const page = await app.inject({ url, headers: { cookie } })
    const sources = inlineStyleSources(page.body)
    t.ok(sources.length, `${url}: the ignore list is a style of the page`)
    t.equal(
      String(page.headers['content-security-policy']).split(';').at(-1),
      `style-src 'self' ${[...new Set(sources)].join(' ')}`,
      `${url}: its policy names each of the page's styles, and nothing else`,
    )
  }
  const anonymous = await app.inject({ url: '/' })
  t.same(inlineStyleSources(anonymous.body), [], 'a page for anonymous readers has no inline style')
})

t.test('Bull Board: admins only', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const anonymous = await app.inject({ url: '/admin/queues' })
  t.equal(anonymous.statusCode, 303)
  t.equal(anonymous.headers.location, '/login?next=%2Fadmin%2Fqueues')
  const anonymousApi = await app.inject({ url: '/admin/queues/api/queues' })
  t.equal(anonymousApi.statusCode, 401)
  t.equal(anonymousApi.json().error, 'unauthorized')

  const member = await registerMember(app)
  const memberCookie = await browserSession(app, member.user.username, member.password)
  const refused = await app.inject({ url: '/admin/queues', headers: { cookie: memberCookie } })
  t.equal(refused.statusCode, 403)
  t.match(refused.body, /Only admins may see the job queue/)
  const refusedApi = await app.inject({ url: '/admin/queues/api/queues', headers: { cookie: memberCookie } })
  t.equal(refusedApi.statusCode, 403)
  t.same(refusedApi.json(), { error: 'forbidden', message: 'Only admins may see the job queue.' })
  // A member may not act on the queue either: retrying every failed job is refused and nothing runs.
  const retry = await app.inject({
    method: 'PUT',
    url: '/admin/queues/api/queues/digest/retry/failed',
    headers: { cookie: memberCookie },
  })
  t.equal(retry.statusCode, 403)

  const admin = await registerMember(app)
  await pool.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.user.id])
  const adminCookie = await browserSession(app, admin.user.username, admin.password)
  const board = await app.inject({ url: '/admin/queues', headers: { cookie: adminCookie } })
  t.equal(board.statusCode, 200)
  t.match(board.body, /<base href="\/admin\/queues\/"/)
  const queues = await app.inject({ url: '/admin/queues/api/queues', headers: { cookie: adminCookie } })
  t.equal(queues.statusCode, 200, queues.body)
  t.match(queues.json(), { queues: [{ name: 'digest' }] })
})
