import type { ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Job } from 'bullmq'
import t, { type Test } from 'tap'
import { digestJobId } from '../../src/queue/jobs.js'
import { buildTestApp, type QueueKind } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'
import { recordStatusChanges, reportTally, tallyPosts, until } from '../helpers/fault-counts.js'
import { PAGES_DIR, startFixtureServer } from '../helpers/fixture-server.js'
import { noRedisServer, startRedisServer } from '../helpers/redis-server.js'
import { startWorkerProcess } from '../helpers/worker-process.js'

/** An article long enough that reading it takes the worker a few seconds: time to kill it meanwhile. */
function longArticle(): string {
  const words = 'the council said on tuesday that its plan for the harbour would go ahead despite objections from'
  const sentence = words.split(' ')
  const paragraphs = Array.from({ length: 3000 }, (_, i) => {
    const text = Array.from({ length: 50 }, (_, j) => sentence[(i * 7 + j * 3) % sentence.length]).join(' ')
    return `<p>Paragraph ${i + 1}: ${text}.</p>`
  })
  return `<!doctype html><html lang="en"><head><title>A long read about the harbour</title>
    <meta property="og:site_name" content="Fixture Times"></head>
    <body><article><h1>A long read about the harbour</h1>${paragraphs.join('\n')}</article></body></html>`
}

async function killMidJob(t: Test, queue: QueueKind) {
  const editorial = await readFile(join(PAGES_DIR, 'editorial.html'))
  const long = longArticle()
  // /held keeps its first request waiting until the test lets it go; later requests are answered.
  const held: ServerResponse[] = []
  let holding = true
  let longServed = 0
  const site = await startFixtureServer(t, {
    '/held': (_req, res) => {
      if (holding) held.push(res)
      else res.writeHead(200, { 'content-type': 'text/html' }).end(editorial)
    },
    '/long-read': (_req, res) => {
      res.on('finish', () => longServed++)
      res.writeHead(200, { 'content-type': 'text/html' }).end(long)
    },
  })
  const redis = queue === 'redis' ? await startRedisServer(t) : undefined
  const { app, config, pool } = await buildTestApp(t, {
    queue,
    env: {
      ...(redis ? { REDIS_URL: redis.url } : {}),
      // A dead worker's jobs are taken over within seconds instead of a minute.
      WORKER_LOCK_MS: '2000',
      WORKER_STALLED_CHECK_MS: '1000',
      WORKER_CONCURRENCY: '1',
    },
  })
  const changes = await recordStatusChanges(t, config.databaseUrl, config.databaseSchema)
  const member = await registerMember(app)
  const post = async (path: string) => {
    const res = await postLink(app, member.auth, { url: site.url(path), forum: 'editorials' })
    t.equal(res.statusCode, 202, `${path} accepted`)
    return res.json().thread.id as number
  }
  const status = async (id: number) =>
    (await pool.query<{ status: string }>('SELECT status FROM threads WHERE id = $1', [id])).rows[0]!.status
  const cached = async (path: string) =>
    (await pool.query('SELECT 1 FROM fetch_cache WHERE url = $1', [site.url(path)])).rowCount === 1
  const accepted: number[] = []

  // Killed while fetching: the only worker has the request open at the site; a second one waits.
  const first = await startWorkerProcess(t, config)
  const fetched = await post('/held')
  accepted.push(fetched)
  await until('the worker fetches /held', () => held.length === 1)
  const second = await startWorkerProcess(t, config)
  t.equal(await first.kill(), 'SIGKILL', 'the first worker is killed while its fetch is in flight')
  const firstKilledAt = Date.now()
  t.equal(await status(fetched), 'fetching', 'killed mid-fetch, the thread still says fetching')
  holding = false
  for (const res of held) res.destroy()
  await until('the next worker digests the thread', async () => (await status(fetched)) === 'ready')
  const fetchRecovery = Date.now() - firstKilledAt

  // Killed while extracting: the page has been fetched and kept, and is being read.
  const extracted = await post('/long-read')
  accepted.push(extracted)
  await until('the thread is fetched', async () => await cached('/long-read'), 60_000)
  t.equal(await second.kill(), 'SIGKILL', 'the second worker is killed while it reads the page')
  const secondKilledAt = Date.now()
  t.equal(await status(extracted), 'fetching', 'killed mid-extraction, the thread still says fetching')
  // The one left is started again, as a process manager would.
  await startWorkerProcess(t, config)

  await until('both threads settle', async () => (await tallyPosts(pool, accepted)).lost === 0, 90_000)
  t.comment(
    `ready ${(fetchRecovery / 1000).toFixed(1)} s after the kill mid-fetch, ` +
      `${((Date.now() - secondKilledAt) / 1000).toFixed(1)} s after the kill mid-extraction ` +
      `(lock ${config.workerLockMs} ms, stalled check every ${config.workerStalledCheckMs} ms)`,
  )
  const tally = await tallyPosts(pool, accepted)
  reportTally(t, `worker killed mid-job on ${queue}`, tally)
  t.equal(tally.ready, 2, 'both digests are ready')
  await changes.heardSettled(accepted)

  for (const id of accepted) {
    t.same(changes.of(id), ['fetching', 'ready'], `thread ${id} became ready once`)
    const job = (await app.digestQueue.getJob(digestJobId(id))) as unknown as Job | undefined
    // The job is marked completed just after the digest is stored: on a busy machine, a moment later.
    const deadline = Date.now() + 10_000
    while ((await job?.getState()) !== 'completed' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    t.equal(await job?.getState(), 'completed', `thread ${id}: its job completed`)
    const done = (await app.digestQueue.getJob(digestJobId(id))) as unknown as Job | undefined
    t.equal(done?.returnvalue, 'ready', `thread ${id}: by the run that stored the digest`)
  }
  const { rows } = await pool.query<{ postCount: number; threads: number }>(
    `SELECT u.post_count AS "postCount", (SELECT count(*)::int FROM threads WHERE author_id = u.id) AS threads
     FROM users u WHERE u.id = $1`,
    [member.user.id],
  )
  t.same(rows[0], { postCount: 2, threads: 2 }, 'the post count counts each post once')
  t.comment(`fetches of /held: ${site.hits('/held')}; of /long-read: ${site.hits('/long-read')} (${longServed} served)`)
  t.equal(longServed, 1, 'the page read when the worker died is not fetched again (the fetch cache has it)')
}

t.test('a worker killed mid-job on a Redis queue', { skip: noRedisServer() }, (t) => killMidJob(t, 'redis'))
t.test('a worker killed mid-job on the Postgres queue', (t) => killMidJob(t, 'postgres'))
