import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { startWorkerProcess } from '../helpers/worker-process.js'

const TOKEN = 'worker-metrics-token-0123'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

t.test('a worker process serves its own digest, fetch and extraction metrics', async (t) => {
  const site = await startFixtureServer(t)
  const port = await freePort()
  const { app, config } = await buildTestApp(t, {
    env: { WORKER_METRICS_PORT: String(port), METRICS_TOKEN: TOKEN, HOST: '127.0.0.1' },
  })
  await startWorkerProcess(t, config)
  const poster = await registerMember(app)
  const posted = await postLink(app, poster.auth, { url: site.url('/editorial.html'), forum: 'editorials' })
  t.equal(posted.statusCode, 202, posted.body)
  const thread = await waitForDigest(app, (posted.json() as { thread: { id: number } }).thread.id)
  t.equal(thread.status, 'ready')

  const base = `http://127.0.0.1:${port}`
  const health = await fetch(`${base}/healthz`)
  t.equal(health.status, 200, 'the health check needs no token')
  const refused = await fetch(`${base}/metrics`)
  t.equal(refused.status, 401)
  t.notMatch(await refused.text(), /broadsheet_/)

  // The digest is stored a moment before the worker records its outcome: read until it shows.
  let text = ''
  for (let tries = 0; tries < 50 && !/broadsheet_digests_total\{outcome="ready"/.test(text); tries++) {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    t.equal(res.status, 200)
    text = await res.text()
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.match(text, /broadsheet_digests_total\{outcome="ready",reason=""\} 1\n/)
  t.match(text, /broadsheet_digest_duration_seconds_count\{outcome="ready"\} 1\n/)
  t.match(text, /broadsheet_fetch_duration_seconds_count\{result="ok"\} 1\n/)
  t.match(text, /broadsheet_fetch_bytes_count 1\n/)
  t.match(text, /broadsheet_fetch_bytes_sum [1-9]\d{3,}\n/)
  t.match(text, /broadsheet_extract_duration_seconds_count\{result="ok"\} 1\n/)
  t.notMatch(text, /broadsheet_http_request_duration_seconds_count/, 'a worker serves no pages')
})
