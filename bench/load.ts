import { setTimeout as wait } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import type pg from 'pg'
import { loadConfig } from '../src/config.js'
import { createPool } from '../src/db/pool.js'
import { buildDist, memoryOf, spawnChild, startWeb, type Spawned } from './http-processes.js'
import { startCpuMeter } from './load-cpu.js'
import { countLedger, DepthLog, DigestQueueWatch, type DepthSample } from './load-ledger.js'
import { registerMember, Writing, type Member } from './load-members.js'
import { printReport } from './load-report.js'
import { startNewsSites, type NewsSites } from './load-site.js'
import { findBigThread } from './seed-database.js'
import { closeAgent, readPages, Recorder, World, type Site } from './load-traffic.js'
import { threadPath } from '../src/views/thread-path.js'

const USAGE = `npm run bench:load -- [--duration 60] [--warmup 5] [--readers 32] [--member-readers 8] [--members 5]
  [--posts 1] [--replies 3] [--recs 2] [--sites 12] [--site-port 8181] [--workers 2] [--sample 5] [--drain 120]
Runs the built web process and worker processes on DATABASE_URL (seeded by bench:seed) and REDIS_URL.`

/** The bench's own queue prefix on REDIS_URL, emptied before and after each run. */
const QUEUE_PREFIX = 'bench_load'

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '5' },
      readers: { type: 'string', default: '32' },
      'member-readers': { type: 'string', default: '8' },
      members: { type: 'string', default: '5' },
      posts: { type: 'string', default: '1' },
      replies: { type: 'string', default: '3' },
      recs: { type: 'string', default: '2' },
      sites: { type: 'string', default: '12' },
      'site-port': { type: 'string', default: '8181' },
      workers: { type: 'string', default: '2' },
      sample: { type: 'string', default: '5' },
      drain: { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  const { help: _, ...given } = values
  const numbers = Object.entries(given).map(([name, raw]) => {
    const n = Number(raw)
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0)
      throw new Error(`--${name} must be a number of 0 or more; got "${raw}".\n${USAGE}`)
    return [name, n] as const
  })
  const o = Object.fromEntries(numbers) as Record<keyof typeof given, number>
  if (o.members < 1 || o.sample <= 0) throw new Error(`--members must be 1 or more and --sample above 0.\n${USAGE}`)
  return o
}

export type LoadOptions = ReturnType<typeof readOptions>

/** Aborted by SIGINT or SIGTERM: the waits end, readers and members stop, the clean-up runs. */
const interruption = new AbortController()
const interrupted = () => interruption.signal.aborted

const sleep = (seconds: number) => wait(seconds * 1000, undefined, { signal: interruption.signal })

/** Existing threads from the whole history, for readers who arrive from elsewhere: a sample, not the table. */
async function sampleThreads(pool: pg.Pool): Promise<{ total: number; sample: number[] }> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM threads')
  const total = rows[0]!.n
  if (total === 0) throw new Error('The database has no threads: seed it with `npm run bench:seed` first.')
  const { rows: ids } = await pool.query<{ id: number }>(
    `SELECT id::int FROM threads TABLESAMPLE SYSTEM ($1) WHERE status = 'ready'`,
    [Math.min(100, (5000 * 100) / total)],
  )
  if (ids.length === 0) throw new Error('No ready thread found: seed the database with `npm run bench:seed` first.')
  return { total, sample: ids.map((r) => r.id) }
}

/** The threads' page addresses (their headlines' slugs), as the app's links spell them. */
async function threadAddresses(pool: pg.Pool, ids: number[]): Promise<[number, string][]> {
  const { rows } = await pool.query<{ id: number; title: string | null }>(
    'SELECT id::int, title FROM threads WHERE id = ANY($1::bigint[])',
    [ids],
  )
  return rows.map((r) => [r.id, threadPath(r.id, r.title)])
}

/** The web process and the workers, built as for production, on the bench's queue prefix and news sites. */
async function startProcesses(o: LoadOptions, sites: NewsSites, queue: DigestQueueWatch, children: Spawned[]) {
  buildDist()
  const env = {
    ...process.env,
    QUEUE_PREFIX,
    FETCH_ALLOW_HOSTS: sites.hosts.join(','),
    // A few members post, reply and recommend far faster than people do, all from one address, and
    // are minutes old: the limits for members and new members would refuse what the bench measures.
    NEW_MEMBER_DAYS: '0',
    RATE_LINKS_PER_HOUR: '1000000',
    RATE_REPLIES_PER_HOUR: '1000000',
    RATE_RECS_PER_HOUR: '1000000',
    REGISTRATIONS_PER_HOUR: '1000000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }
  const web = await startWeb(env)
  children.push(web)
  for (let i = 0; i < o.workers; i++) children.push(spawnChild(process.execPath, ['dist/workers/digest.js'], env))
  await queue.waitForWorkers(o.workers, 120_000)
  return web
}

/** `npm run bench:load`: a mixed load of readers and posting members; prints, asserts nothing. */
async function main() {
  const o = readOptions()
  const config = loadConfig()
  if (!config.databaseUrl || !config.redisUrl) throw new Error(`DATABASE_URL and REDIS_URL must be set.\n${USAGE}`)
  const pool = createPool(config.databaseUrl, config.databaseSchema, console, 2)
  const queue = new DigestQueueWatch(config.redisUrl, QUEUE_PREFIX)
  const children: Spawned[] = []
  let sites: NewsSites | undefined
  let cleaning: Promise<void> | undefined
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await closeAgent()
      await Promise.all(children.map((child) => child.stop()))
      await sites?.close()
      await queue.empty().catch(() => undefined)
      await queue.close()
      await pool.end()
    })())
  // Interrupted, the bench stops its readers and members, then the processes it started, and empties its queue.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      interruption.abort()
      void cleanUp().finally(() => process.exit(130))
    })
  try {
    const threads = await sampleThreads(pool)
    const bigThread = await findBigThread(pool)
    const addresses = await threadAddresses(pool, [...threads.sample, bigThread])
    await queue.empty()
    sites = await startNewsSites(o.sites, o['site-port'])
    const web = await startProcesses(o, sites, queue, children)
    const names = children.map((_, i) => (i === 0 ? 'web' : `worker ${i}`))
    const exits: string[] = []
    const stopped = new Set<Spawned>()
    for (const [i, child] of children.entries())
      child.process.once('exit', (code, signal) => {
        if (cleaning === undefined && !stopped.has(child))
          exits.push(`${names[i]} exited (${signal ?? `code ${code}`})`)
      })

    console.error(`Registering ${o.members} members...`)
    const members: Member[] = []
    for (let i = 0; i < o.members; i++) members.push(await registerMember(web.origin))
    const memberIds = members.map((m) => m.id)
    const forums = ((await (await fetch(`${web.origin}/api/forums`)).json()) as { forums: World['forums'] }).forums
    const site: Site = {
      origin: web.origin,
      rec: new Recorder(),
      world: new World(forums, threads.sample, bigThread, addresses),
    }
    const writing = new Writing(site, members, sites, Date.now().toString(36))

    let phase: DepthSample['phase'] | 'warm-up' = 'warm-up'
    const readers = Array.from({ length: o.readers + o['member-readers'] }, (_, i) =>
      readPages(
        site,
        i < o.readers ? 'anonymous' : 'member',
        i < o.readers ? undefined : members[i % members.length]!.cookie,
        () => !interrupted() && ['warm-up', 'load'].includes(phase),
      ),
    )
    console.error(`Warming up for ${o.warmup} s...`)
    await sleep(o.warmup)

    console.error(`Loading for ${o.duration} s...`)
    phase = 'load'
    site.rec.measuring = true
    const { rows: backend } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    const cpu = startCpuMeter(
      children.map((c, i) => ({ name: names[i]!, pid: c.process.pid! })),
      backend[0]!.pid,
    )
    const depths = new DepthLog(queue, pool, memberIds, () => (phase === 'load' ? 'load' : 'drain'), o.sample)
    const writers = writing.run(
      { posts: o.posts, replies: o.replies, recs: o.recs },
      () => !interrupted() && phase === 'load',
    )
    await sleep(o.duration)
    phase = 'drain'
    const loadSeconds = depths.seconds()
    await Promise.all([...readers, writers])
    site.rec.measuring = false
    const cpuUse = cpu.stop()
    const memory = children.flatMap((c, i) =>
      c.process.exitCode === null && c.process.signalCode === null
        ? [{ name: names[i]!, ...memoryOf(c.process.pid!) }]
        : [],
    )

    // A request the bench gave up on (30 s) may still be running in the web process and store its post or
    // reply later: once the web has stopped, nothing more is stored and the counts below are final.
    console.error('Load over; stopping the web process...')
    stopped.add(web)
    await web.stop()
    console.error(`Waiting up to ${o.drain} s for the queue to drain and every digest to settle...`)
    await depths.drain(o.drain)

    printReport({
      o,
      threadsInDatabase: threads.total,
      loadSeconds,
      drainSeconds: depths.seconds() - loadSeconds,
      rows: site.rec.rows(),
      errorSamples: site.rec.errorSamples,
      writing,
      ledger: await countLedger(pool, site.world.posted, memberIds),
      samples: depths.samples,
      deepest: site.world.deepest,
      fetched: sites.served(),
      cpu: cpuUse,
      exits,
      memory,
    })
  } finally {
    await cleanUp()
  }
}

main().catch((err: unknown) => {
  // An interruption ends the process itself once it has cleaned up.
  if (interrupted()) return
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
