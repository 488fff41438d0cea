import { randomUUID } from 'node:crypto'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { frontDoorAnswers } from '../../src/metrics/metrics.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, readyThread, registerMember } from '../helpers/factories.js'
import { capturedLog } from '../helpers/log-lines.js'

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** A GET over a real connection, bytes as sent (no decoding), on a connection of its own. */
function get(origin: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(origin + path, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** The headers that depend on the connection and the moment, not on the answer. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])
const answerHeaders = (headers: IncomingHttpHeaders | Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !PER_CONNECTION.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  )

const doorCount = async () => (await frontDoorAnswers.get()).values[0]?.value ?? 0

/** What the request cost at the front door: 1 when the door answered it, 0 when Fastify did. */
async function throughDoor<T>(send: () => Promise<T>): Promise<{ answer: T; door: number }> {
  const before = await doorCount()
  const answer = await send()
  return { answer, door: (await doorCount()) - before }
}

async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

/**
 * An app listening on a free port of 127.0.0.1, with a member and their thread (ready, under `title`) at its
 * slugged address.
 */
async function servedThread(t: Parameters<typeof buildTestApp>[0], title: string) {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const link = { url: `https://example.com/${randomUUID()}`, forum: 'economy' }
  const id = await readyThread({ app, pool }, member.auth, link, title)
  const origin = await listen(app)
  const thread = (await app.inject({ url: `/threads/${id}` })).headers.location as string
  return { app, member, id, origin, thread }
}

t.test('a kept page is answered at the front door exactly as the route answers it', async (t) => {
  const { app, id, origin, thread } = await servedThread(t, 'The door opens')

  for (const path of ['/', '/forums/economy', thread, `/api/threads/${id}`, '/feed.atom']) {
    for (const encoding of [{}, { 'accept-encoding': 'gzip, deflate, br' }] as Record<string, string>[]) {
      const what = `${path} ${JSON.stringify(encoding)}`
      const first = await throughDoor(() => get(origin, path, encoding))
      t.equal(first.answer.status, 200, what)
      const again = await throughDoor(() => get(origin, path, encoding))
      t.equal(again.door, 1, `${what}: the second request is answered at the door`)
      const routed = await app.inject({ url: path, headers: encoding })
      t.equal(again.answer.status, routed.statusCode, `${what}: the status`)
      t.same(answerHeaders(again.answer.headers), answerHeaders(routed.headers), `${what}: every header`)
      t.ok(again.answer.body.equals(routed.rawPayload), `${what}: the bytes`)

      const conditional = { ...encoding, 'if-none-match': again.answer.headers.etag as string }
      const unchanged = await throughDoor(() => get(origin, path, conditional))
      t.equal(unchanged.door, 1, `${what}: a conditional request too`)
      t.equal(unchanged.answer.status, 304, `${what}: unchanged, 304`)
      t.equal(unchanged.answer.body.length, 0)
      const routed304 = await app.inject({ url: path, headers: conditional })
      t.same(answerHeaders(unchanged.answer.headers), answerHeaders(routed304.headers), `${what}: the 304's headers`)
    }
  }

  const feed = await get(origin, '/feed.atom')
  const since = await throughDoor(() =>
    get(origin, '/feed.atom', { 'if-modified-since': feed.headers['last-modified'] as string }),
  )
  t.equal(since.answer.status, 304, 'If-Modified-Since is answered too')
  t.equal(since.door, 1)
})

t.test('the front door never answers for a member, a token, a HEAD, or a page that changed', async (t) => {
  const { app, member, id, origin, thread } = await servedThread(t, 'A kept page')
  await get(origin, thread)
  t.equal((await throughDoor(() => get(origin, thread))).door, 1, 'learnt: the door answers')

  const cookie = await browserSession(app, member.user.username, member.password)
  const other = await throughDoor(() => get(origin, thread, { cookie: 'theme=dark' }))
  t.equal(other.door, 1, 'other cookies are no credential')
  const mine = await throughDoor(() => get(origin, thread, { cookie }))
  t.equal(mine.door, 0, "the anonymous reader's address is not the member's")
  t.match(mine.answer.body.toString(), 'Log out', 'the member gets their own page')
  const stranger = await throughDoor(() => get(origin, thread, { cookie: 'broadsheet_session=forged.value' }))
  t.equal(stranger.door, 0, 'a cookie that names no member goes through the route')
  t.ok(stranger.answer.headers['set-cookie'], 'which clears it')
  await get(origin, `/api/threads/${id}`)
  const token = await throughDoor(() => get(origin, `/api/threads/${id}`, member.auth))
  t.equal(token.door, 0, 'a bearer token goes through the route')
  t.equal(token.answer.status, 200)
  const head = await throughDoor(() => get(origin, thread, {}, 'HEAD'))
  t.equal(head.door, 0, 'HEAD goes through the route')
  t.equal(head.answer.status, 200)

  // A reply is stored: the page is rendered anew, through the route, then kept again.
  const replied = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: member.auth,
    payload: { body: 'Not hidden by the door.' },
  })
  t.equal(replied.statusCode, 201)
  const fresh = await throughDoor(() => get(origin, thread))
  t.equal(fresh.door, 0, 'a page that changed goes through the route')
  t.match(fresh.answer.body.toString(), 'Not hidden by the door.', 'and shows the reply at once')
  t.equal((await throughDoor(() => get(origin, thread))).door, 1, 'then the door answers again')

  // A new headline moves the page: its old address now leads to the new one.
  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/threads/${id}`,
    headers: member.auth,
    payload: { title: 'A moved page', excerpt: ['A paragraph.'] },
  })
  t.equal(edited.statusCode, 200)
  const moved = await throughDoor(() => get(origin, thread))
  t.equal(moved.door, 0)
  t.equal(moved.answer.status, 301, 'the old address redirects')
  t.equal(moved.answer.headers.location, `/threads/${id}-a-moved-page`)
})

t.test('behind a trusted proxy the door sends HSTS over TLS, as the route does', async (t) => {
  const { app } = await buildTestApp(t, { env: { TRUST_PROXY: 'true' } })
  const origin = await listen(app)
  for (const proto of ['https', 'http', 'http, https']) {
    const headers = { 'x-forwarded-proto': proto }
    await get(origin, '/', headers)
    const again = await throughDoor(() => get(origin, '/', headers))
    t.equal(again.door, 1, proto)
    const routed = await app.inject({ url: '/', headers })
    t.same(answerHeaders(again.answer.headers), answerHeaders(routed.headers), `${proto}: every header`)
    t.equal(
      again.answer.headers['strict-transport-security'] !== undefined,
      proto.endsWith('https'),
      `${proto}: HSTS only when the nearest proxy says TLS`,
    )
  }
})

t.test("a member's page is answered at the door while they and the page stay as they were", async (t) => {
  const { app, member, id, origin, thread } = await servedThread(t, 'Kept for members')
  const cookie = await browserSession(app, member.user.username, member.password)

  for (const path of ['/', '/forums/economy', thread, '/feed.atom']) {
    for (const encoding of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const what = `${path} ${JSON.stringify(encoding)}`
      const headers = { ...encoding, cookie }
      // Opening a thread marks it read (their page changes once); then it stays as it is.
      const routed = [await throughDoor(() => get(origin, path, headers))]
      while (routed.length < 3 && routed.at(-1)!.door === 0)
        routed.push(await throughDoor(() => get(origin, path, headers)))
      const answered = await throughDoor(() => get(origin, path, headers))
      t.equal(answered.door, 1, `${what}: answered at the door`)
      const expected = await app.inject({ url: path, headers })
      t.same(answerHeaders(answered.answer.headers), answerHeaders(expected.headers), `${what}: every header`)
      t.ok(answered.answer.body.equals(expected.rawPayload), `${what}: the bytes`)
    }
  }
  const page = await get(origin, thread, { cookie })
  t.match(page.body.toString(), 'Log out', "the page is the member's")
  t.equal(page.headers['cache-control'], 'private, no-cache')

  // Their own write: their next page goes through the route, and shows it.
  await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: member.auth,
    payload: { body: 'My own reply, shown to me.' },
  })
  const after = await throughDoor(() => get(origin, thread, { cookie }))
  t.equal(after.door, 0)
  t.match(after.answer.body.toString(), 'My own reply, shown to me.')

  // Logged out: the cookie names no one, and the door does not answer for it.
  const loggedOut = await app.inject({ method: 'POST', url: '/logout', headers: { cookie } })
  t.equal(loggedOut.statusCode, 303)
  const gone = await throughDoor(() => get(origin, thread, { cookie }))
  t.equal(gone.door, 0, 'an ended session goes through the route')
  t.notMatch(gone.answer.body.toString(), 'Log out', 'and is a reader like any other')
})

t.test('a closing server shuts the door first: what comes in while it closes goes to Fastify', async (t) => {
  const { app, pool } = await buildTestApp(t)
  // Registered after the app's own plugins (and before anything boots it), so its preClose hook
  // runs after theirs, while the server still listens.
  let ask = async (): Promise<{ answer: Answer; door: number } | undefined> => undefined
  let whileClosing: { answer: Answer; door: number } | undefined
  await app.register(async (child) => {
    child.addHook('preClose', async () => {
      whileClosing = await ask()
    })
  })
  const member = await registerMember(app)
  const id = await readyThread({ app, pool }, member.auth, {
    url: `https://example.com/${randomUUID()}`,
    forum: 'economy',
  })
  const origin = await listen(app)
  ask = () => throughDoor(() => get(origin, `/api/threads/${id}`))
  await get(origin, `/api/threads/${id}`)
  const open = await ask()
  t.equal(open?.door, 1, 'while the server runs, the door answers the kept thread')

  await app.close()
  t.equal(whileClosing?.door, 0, 'while it closes, the door answers nothing')
  t.equal(whileClosing?.answer.status, 503, 'Fastify answers that the server is closing')
})

t.test('a door answer is logged as the route logs its answers (and, like them, not at LOG_LEVEL=warn)', async (t) => {
  type Fields = { req?: { url: string; method: string }; res?: { statusCode: number }; reqId?: string }
  for (const level of ['info', 'warn'] as const) {
    const { log, lines } = capturedLog<Fields>(level)
    const { app, pool } = await buildTestApp(t, { log })
    const member = await registerMember(app)
    const link = { url: `https://example.com/${randomUUID()}`, forum: 'economy' }
    const path = `/api/threads/${await readyThread({ app, pool }, member.auth, link)}`
    const origin = await listen(app)
    await get(origin, path)
    t.equal((await throughDoor(() => get(origin, path))).door, 1, `${level}: the second answer came from the door`)
    const logged = lines
      .filter((line) => line.req?.url === path)
      .map((line) => [line.msg, line.req?.method, line.res?.statusCode, line.reqId === undefined ? 'door' : 'route'])
    const expected =
      level === 'info'
        ? [
            ['request completed', 'GET', 200, 'route'],
            ['request completed', 'GET', 200, 'door'],
          ]
        : []
    t.same(logged, expected, `${level}: ${expected.length} lines`)
  }
})
