import type { AddressInfo } from 'node:net'
import t from 'tap'
import { request } from 'undici'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, threadPage } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

/** Reads an SSE stream to its end and returns the status events it carried. */
async function readStatuses(url: string, onFirst: () => Promise<void>): Promise<string[]> {
  const res = await request(url, { headers: { accept: 'text/event-stream' } })
  if (res.statusCode !== 200) throw new Error(`events: ${res.statusCode}`)
  const statuses: string[] = []
  let buffer = ''
  for await (const chunk of res.body) {
    buffer += chunk.toString()
    let end
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (/^event: status$/m.test(block) && data) {
        statuses.push((JSON.parse(data) as { status: string }).status)
        if (statuses.length === 1) await onFirst()
      }
    }
  }
  return statuses
}

t.test('a thread page follows pending → fetching → ready live', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
  const id = posted.json().thread.id
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  // The worker starts only once the stream has said "pending", so every change is seen live.
  const statuses = await readStatuses(`${base}/api/threads/${id}/events`, async () => {
    await startWorker()
  })
  t.same(statuses, ['pending', 'fetching', 'ready'], 'each status once, then the stream ends')

  const done = await readStatuses(`${base}/api/threads/${id}/events`, async () => {})
  t.same(done, ['ready'], 'a finished thread answers once and closes')

  const missing = await request(`${base}/api/threads/999999/events`)
  t.equal(missing.statusCode, 404)
  t.equal(((await missing.body.json()) as { error: string }).error, 'unknown_thread')

  const page = await threadPage(app, id)
  t.notMatch(page.body, 'thread-live.js', 'a ready page needs no live updates')
})

t.test('the waiting page listens for its status and still refreshes without JavaScript', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: 'https://example.com/waiting', forum: 'editorials' })
  const page = await threadPage(app, posted.json().thread.id)
  t.match(page.body, '<script src="/static/thread-live.js" type="module"></script>')
  t.match(page.body, '<noscript><meta http-equiv="refresh" content="2"></noscript>')
  const script = await app.inject({ method: 'GET', url: '/static/thread-live.js' })
  t.equal(script.statusCode, 200)
  t.match(script.headers['content-type'], /javascript/)
})
