import type { Queue } from 'bullmq'
import type { Test } from 'tap'
import { buildTestApp } from './build-app.js'
import { postLink, registerMember, waitForDigest } from './factories.js'
import { recordStatusChanges, reportTally, tallyPosts, until } from './fault-counts.js'
import { startFixtureServer } from './fixture-server.js'
import { startRedisServer, type RedisServer } from './redis-server.js'
import { startWorkerProcess } from './worker-process.js'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A short article of its own for each story number. */
function story(n: number): string {
  const paragraph = (i: number) =>
    `<p>Paragraph ${i} of story ${n}: the harbour board met on Tuesday and agreed, after a long debate about ` +
    `traffic, noise and the park by the water, that the plan would go ahead in the spring.</p>`
  return `<!doctype html><html lang="en"><head><title>Story ${n} about the harbour</title></head>
    <body><article><h1>Story ${n} about the harbour</h1>${[1, 2, 3, 4, 5].map(paragraph).join('')}</article></body></html>`
}

interface Post {
  /** What was happening to Redis when the post was sent. */
  phase: string
  status: number
  ms: number
  id?: number
}

/** A post answered slower than this counts as hanging: it waited for Redis. */
const ANSWER_LIMIT_MS = 5000

/**
 * A member posts a link every 100 ms to an app with two worker processes on a Redis of the test's
 * own; `fault` strikes that Redis once the workers are busy, posting goes on through it and for
 * two seconds after, then every accepted post must settle as a thread, each digest stored once.
 */
export async function postThroughFault(
  t: Test,
  what: string,
  fault: (redis: RedisServer, phase: (name: string) => void) => Promise<void>,
) {
  const site = await startFixtureServer(t, {
    '/story': (req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://fixture').searchParams.get('n'))
      // Answered after a moment, as a real site does; one fetch at a time from a site (politeness)
      // and a post every 100 ms keep digests in flight and queued when the fault strikes.
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(story(n)), 150)
    },
  })
  const redis = await startRedisServer(t)
  const { app, config, pool } = await buildTestApp(t, {
    queue: 'redis',
    env: {
      REDIS_URL: redis.url,
      // The sweep looks for lost jobs every second, for threads waiting over two: a test of what it
      // does, not of its production pace (every minute, for threads waiting over two minutes).
      SWEEP_INTERVAL_MS: '1000',
      SWEEP_LOST_AFTER_SECONDS: '2',
      WORKER_CONCURRENCY: '2',
      // One member posts every link of the run: a test of Redis faults, not of the posting limit.
      RATE_LINKS_PER_HOUR: '100000',
    },
  })
  const changes = await recordStatusChanges(t, config.databaseUrl, config.databaseSchema)
  const member = await registerMember(app)
  const workers = await Promise.all([startWorkerProcess(t, config), startWorkerProcess(t, config)])

  const posts: Post[] = []
  let phase = 'warming up'
  const post = async (n: number) => {
    const sent: Post = { phase, status: 0, ms: 0 }
    const started = Date.now()
    const res = await postLink(app, member.auth, { url: site.url(`/story?n=${n}`), forum: 'editorials' })
    sent.status = res.statusCode
    sent.ms = Date.now() - started
    if (res.statusCode === 202) sent.id = res.json().thread.id as number
    posts.push(sent)
    return sent
  }
  // The workers' extraction threads start on their first pages: warm, they keep up with the posts.
  for (const sent of await Promise.all([1, 2, 3, 4].map(post))) if (sent.id) await waitForDigest(app, sent.id)

  phase = 'before'
  let posting = true
  const poster = (async () => {
    for (let n = 5; posting; n++) {
      await post(n)
      await sleep(100)
    }
  })()
  await sleep(1500)
  const queue = app.digestQueue as unknown as Queue
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed')
  t.comment(`in the queue when the fault struck: ${JSON.stringify(counts)}`)
  t.ok(counts.active! + counts.waiting! + counts.delayed! > 0, 'digests are in flight when the fault strikes')
  await fault(redis, (name) => (phase = name))
  phase = 'after'
  await sleep(2000)
  posting = false
  await poster

  for (const name of new Set(posts.map((p) => p.phase))) {
    const inPhase = posts.filter((p) => p.phase === name)
    const answers = [...new Set(inPhase.map((p) => p.status))].join('/')
    t.comment(
      `posted ${name}: ${inPhase.length}, answered ${answers}, slowest in ${Math.max(...inPhase.map((p) => p.ms))} ms`,
    )
  }
  t.same(
    posts.filter((p) => p.status !== 202 || p.ms > ANSWER_LIMIT_MS),
    [],
    `every post is accepted within ${ANSWER_LIMIT_MS / 1000} s, whatever Redis does`,
  )
  const accepted = posts.flatMap((p) => (p.id === undefined ? [] : [p.id]))
  const lastPost = Date.now()
  await until('every thread settles', async () => (await tallyPosts(pool, accepted)).lost === 0, 90_000)
  t.comment(`all settled ${((Date.now() - lastPost) / 1000).toFixed(1)} s after the last post`)
  const tally = await tallyPosts(pool, accepted)
  reportTally(t, what, tally)
  t.equal(tally.ready, accepted.length, 'every digest is ready: the fault cost none')
  await changes.heardSettled(accepted)
  t.same(
    accepted.flatMap((id) => {
      const statuses = changes.of(id)
      return statuses.filter((s) => s === 'ready').length === 1 ? [] : [{ id, statuses }]
    }),
    [],
    'each thread became ready exactly once',
  )
  for (const [i, worker] of workers.entries()) {
    const errors = worker.lines().filter((l) => l.level >= 50)
    t.comment(`worker ${i + 1} logged ${errors.length} errors: ${[...new Set(errors.map((l) => l.msg))].join('; ')}`)
    t.ok(worker.running(), `worker ${i + 1} runs on, never restarted`)
  }
}
