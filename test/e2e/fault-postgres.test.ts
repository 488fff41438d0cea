import type { ServerResponse } from 'node:http'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Job } from 'bullmq'
import pg from 'pg'
import { digestJobId } from '../../src/queue/jobs.js'
import t, { type Test } from 'tap'
import { CONNECT_TIMEOUT_MS } from '../../src/db/pool.js'
import { listenerName } from '../../src/plugins/thread-events.js'
import { buildTestApp, type QueueKind } from '../helpers/build-app.js'
import { browserSession, registerMember } from '../helpers/factories.js'
import { reportTally, tallyPosts, until } from '../helpers/fault-counts.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'
import { noRedisServer, startRedisServer } from '../helpers/redis-server.js'
import { startRestartablePostgres } from '../helpers/restartable-postgres.js'
import { startWorkerProcess } from '../helpers/worker-process.js'

/** An answer slower than this is a hang: the request waited on the database instead of being told. */
const ANSWER_LIMIT_MS = CONNECT_TIMEOUT_MS + 3000

interface Answer {
  status: number
  ms: number
  type: string
  retryAfter: string | null
  body: string
}

/** The backends of an app's live-status listener that are connected (it listens as it connects). */
async function listeners(databaseUrl: string, schema: string): Promise<number> {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
      listenerName(schema),
    ])
    return rowCount ?? 0
  } finally {
    await admin.end()
  }
}

/** Reads a thread's status stream until it ends, collecting its statuses. */
async function statusStream(url: string): Promise<string[]> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream' } })
  if (res.status !== 200) throw new Error(`events: ${res.status}`)
  const text = await res.text()
  return [...text.matchAll(/^event: status\ndata: (.*)$/gm)].map(
    (m) => (JSON.parse(m[1]!) as { status: string }).status,
  )
}

/**
 * The web app listening, a worker in its own process, both on a Postgres the test owns. Postgres
 * stops, then its port accepts connections and never answers, then it starts again. Requests in
 * the outage must get a 503 that says when to come back; afterwards the web, the worker and the
 * live-status listener must work again by themselves.
 */
async function restartUnder(t: Test, queue: QueueKind) {
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  // Pages whose answer waits until the test releases them: the worker is mid-fetch meanwhile.
  const holds = new Map<string, { waiting: ServerResponse[]; released: boolean }>()
  const answer = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(editorial)
  const answerHeld = (req: { url?: string | undefined }, res: ServerResponse) => {
    const hold = holds.get(new URL(req.url ?? '/', 'http://fixture').pathname)!
    if (hold.released) answer(res)
    else hold.waiting.push(res)
  }
  const held = (path: string) => {
    const hold = { waiting: [] as ServerResponse[], released: false }
    holds.set(path, hold)
    return {
      arrived: () => hold.waiting.length > 0,
      release: () => {
        hold.released = true
        for (const res of hold.waiting.splice(0)) answer(res)
      },
    }
  }
  const site = await startFixtureServer(t, { '/during': answerHeld, '/after': answerHeld })
  const postgres = await startRestartablePostgres(t)
  const redis = queue === 'redis' ? await startRedisServer(t) : undefined
  const { app, config, pool } = await buildTestApp(t, {
    databaseUrl: postgres.url,
    queue,
    // The production fetch budget: the fetch in flight outlasts the stop of Postgres (a smart
    // shutdown waits 5 s for sessions to end), as a slow site's would.
    env: { FETCH_TIMEOUT_MS: '15000', ...(redis ? { REDIS_URL: redis.url } : {}) },
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const worker = await startWorkerProcess(t, config)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const accepted: number[] = []

  const request = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const started = Date.now()
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(60_000) })
    const body = await res.text()
    return {
      status: res.status,
      ms: Date.now() - started,
      type: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      body,
    }
  }
  const post = (path: string) =>
    request('/api/threads', {
      method: 'POST',
      headers: { ...member.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ url: site.url(path), forum: 'editorials' }),
    })
  /** Posts a link whose page the site holds, and waits until the worker is fetching it. */
  const postHeld = async (path: string, what: string) => {
    const page = held(path)
    const posted = await post(path)
    t.equal(posted.status, 202, what)
    const id = (JSON.parse(posted.body) as { thread: { id: number } }).thread.id
    accepted.push(id)
    await until(`the worker fetches ${path}`, () => page.arrived())
    return { id, page }
  }
  const status = async (id: number) =>
    (await pool.query<{ status: string }>('SELECT status FROM threads WHERE id = $1', [id])).rows[0]?.status

  // Before: a digest in flight, its page held at the site.
  const { id: duringId, page: during } = await postHeld('/during', 'a link is posted before the outage')
  const threadPath = `/threads/${duringId}`

  /** What readers, members and API clients ask for, each as they would. */
  const asked: [string, () => Promise<Answer>, 'html' | 'json' | 'css'][] = [
    ['Latest Discussions, anonymous', () => request('/'), 'html'],
    ['Latest Discussions, member', () => request('/', { headers: { cookie } }), 'html'],
    ['a thread page', () => request(threadPath), 'html'],
    ['a forum page', () => request('/forums/editorials'), 'html'],
    ['the log-in form sent', () => request('/login', formLogin(member.user.username, member.password)), 'html'],
    ['the thread list (API)', () => request('/api/threads'), 'json'],
    ['a thread (API)', () => request(`/api/threads/${duringId}`), 'json'],
    ['a thread status stream', () => request(`/api/threads/${duringId}/events`), 'json'],
    ['a link posted (API)', () => post('/posted-in-the-outage'), 'json'],
    ['the style sheet', () => request('/static/style.css'), 'css'],
  ]
  let refusedPosts = 0
  const checkOutage = async (what: string) => {
    // All at once, as requests arrive at a busy forum.
    const answers = await Promise.all(asked.map(([, ask]) => ask()))
    refusedPosts += answers.filter((a, i) => asked[i]![0].startsWith('a link posted') && a.status === 503).length
    for (const [i, [name, , kind]] of asked.entries()) {
      const answer = answers[i]!
      t.comment(`${what}, ${name}: ${answer.status} in ${answer.ms} ms, Retry-After ${answer.retryAfter ?? '-'}`)
      t.ok(answer.ms < ANSWER_LIMIT_MS, `${what}, ${name}: answered, not left hanging`)
      if (kind === 'css') {
        t.equal(answer.status, 200, `${what}, ${name}: needs no database`)
        continue
      }
      t.equal(answer.status, 503, `${what}, ${name}: 503`)
      t.equal(answer.retryAfter, '5', `${what}, ${name}: says when to try again`)
      t.notMatch(answer.body, /\n\s+at /, `${what}, ${name}: no stack trace`)
      if (kind === 'json') {
        t.match(answer.type, /^application\/json/)
        t.match(JSON.parse(answer.body), { error: 'unavailable', message: /try again in a few seconds/ })
      } else {
        t.match(answer.type, /^text\/html/)
        t.match(answer.body, /try again in a few seconds/, `${what}, ${name}: a page that says so`)
      }
    }
  }

  await postgres.stop()
  const outageStarted = Date.now()
  // The held page arrives now: the worker can fetch, but not store.
  during.release()
  await checkOutage('Postgres stopped')

  // The port accepts connections again but nothing answers (a server half started, or frozen).
  const silent = new Set<Socket>()
  const mute = createServer((socket) => silent.add(socket))
  await new Promise<void>((resolve) => mute.listen(Number(new URL(postgres.url).port), '127.0.0.1', resolve))
  await checkOutage('Postgres not answering')
  for (const socket of silent) socket.destroy()
  await new Promise((resolve) => mute.close(resolve))

  await postgres.start()
  const backAt = Date.now()
  t.comment(`Postgres was away for ${((backAt - outageStarted) / 1000).toFixed(1)} s`)
  const home = await request('/')
  t.equal(home.status, 200, 'the web answers again at once, with no restart')
  t.equal((await request(threadPath, { headers: { cookie } })).status, 200, 'pages for members too')
  const since = (at: number) => `${((Date.now() - at) / 1000).toFixed(1)} s`
  await Promise.all([
    until(
      'the digest in flight when Postgres went away is stored',
      async () => (await status(duringId)) === 'ready',
    ).then(() => t.comment(`the digest in flight was stored ${since(backAt)} after Postgres was back`)),
    until(
      'the live-status listener is back',
      async () => (await listeners(postgres.url, config.databaseSchema)) === 1,
    ).then(() => t.comment(`the live-status listener was back ${since(backAt)} after Postgres`)),
  ])

  // After: a new post is digested by the same worker process, and its page hears of it live.
  const { id: afterId, page: after } = await postHeld('/after', 'posting works again')
  const stream = statusStream(`${base}/api/threads/${afterId}/events`)
  after.release()
  const statuses = await stream
  t.equal(statuses.at(-1), 'ready', `the thread's status stream ends with its digest (${statuses.join(' → ')})`)

  t.ok(worker.running(), 'the worker process ran on throughout, never restarted')
  const job = (await app.digestQueue.getJob(digestJobId(duringId))) as unknown as Job
  t.comment(`the digest in flight ran ${job.attemptsStarted} times and used ${job.attemptsMade} of its attempts`)
  // With the queue elsewhere, a run that met the database away waits for it without using an
  // attempt; with the queue on the database too, the queue itself was away and counts one.
  if (queue === 'redis') t.equal(job.attemptsMade, 1, 'the outage used up none of its attempts')
  const worse = worker.lines().filter((l) => l.level >= 40)
  t.comment(
    `the worker process logged ${worse.length} warnings or errors: ${[...new Set(worse.map((l) => l.msg))].join('; ')}`,
  )
  const tally = await tallyPosts(pool, accepted)
  reportTally(t, `Postgres restarted (${queue} queue)`, tally)
  t.equal(tally.ready, accepted.length, 'both digests are ready')
  t.comment(`posts refused in the outage: ${refusedPosts}, each with a 503 telling the member to try again`)
}

const formLogin = (username: string, password: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username, password, next: '/' }).toString(),
  redirect: 'manual',
})

t.test('Postgres restarted under the web and a worker on a Redis queue', { skip: noRedisServer() }, (t) =>
  restartUnder(t, 'redis'),
)
t.test('Postgres restarted under the web and a worker, with the queue on it too', (t) => restartUnder(t, 'postgres'))
