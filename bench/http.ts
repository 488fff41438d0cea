import { availableParallelism, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { loadConfig } from '../src/config.js'
import { createPool, type Queryable } from '../src/db/pool.js'
import { findDeepPage, makeRegular, registerBenchMember, threadAddressOn } from './http-pages.js'
import { findBigThread, findRarePhrase, replyTreeDepth } from './seed-database.js'
import { buildDist, freePort, memoryOf, startChild, startWeb, type Child } from './http-processes.js'
import { percentile } from './stats.js'

const USAGE = `npm run bench:http -- [--connections 50] [--warmup 2] [--duration 8] [--forum SLUG] [--thread ID] [--depth 500] [--gzip] [--only TEXT,...]
Measures the built web process (dist/src/server.js) on the database named by DATABASE_URL.`

/**
 * What Chromium sends, for `--gzip`. Without it the pages are asked for as the ceiling sends its
 * own, uncompressed: autocannon turns every body into a string, and decoding compressed (binary)
 * bytes costs it several times what text does, so with gzip the client, not the server, sets the pace.
 */
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd'

/** The feed measured, as a reader's feed reader polls it. */
const FEED_PATH = '/feed.atom'

/** A page slower than this alone is not loaded: its queries would keep running long after the run and skew the next. */
const SINGLE_REQUEST_LIMIT_MS = 1000

/** How many times a page and the ceiling each take a slice of a row's measured time. */
const TURNS = 4

interface Row {
  page: string
  who: string
  /** One request on the idle server, before the run. */
  singleMs: number
  rps: number
  p50: number
  p99: number
  /** The highest p99 of a single slice of the row's measured time. */
  worstSliceP99?: number
  errors: number
  peakMiB: number
  /** The ceiling's p99 over the turns it took with this row's page. */
  ceilingP99?: number
  /** The 20 KB ceiling in the turns it took with this row's page (none for the first ceiling row). */
  ceilingRps?: number
  /** The page's req/s over the ceiling's in each turn, lowest and highest. */
  turnRatios?: [number, number]
}

interface Options {
  connections: number
  warmup: number
  duration: number
  gzip: boolean
}

/** In a measured path, replaced by a new number on each request: a search no cache holds. */
const EACH = '{n}'
let requestNumber = 0

/** One autocannon run: its requests, seconds and each 2xx answer's latency, so that runs add up. */
interface Slice {
  requests: number
  seconds: number
  /** Milliseconds, one per 2xx answer. */
  latencies: number[]
  p99: number
  errors: number
}

async function load(url: string, o: Options & { cookie?: string | undefined }, seconds: number): Promise<Slice> {
  const headers = {
    ...(o.gzip ? { 'accept-encoding': ACCEPT_ENCODING } : {}),
    ...(o.cookie ? { cookie: o.cookie } : {}),
  }
  const path = url.slice(new URL(url).origin.length)
  const requests: autocannon.Request[] | undefined = url.includes(EACH)
    ? [{ setupRequest: (request) => ({ ...request, path: path.replace(EACH, String(++requestNumber)) }) }]
    : undefined
  const latencies: number[] = []
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const options = { url, connections: o.connections, headers, duration: seconds, ...(requests ? { requests } : {}) }
    autocannon(options, (err: unknown, result) => (err ? reject(err) : resolve(result))).on(
      'response',
      (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latencies.push(ms)
      },
    )
  })
  return {
    requests: r.requests.total,
    seconds: r.duration,
    latencies,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors,
  }
}

const rateOf = (slices: Slice[]) =>
  slices.reduce((sum, s) => sum + s.requests, 0) / slices.reduce((sum, s) => sum + s.seconds, 0)

/** p50 and p99 over every answer of these slices, as one run of their length would give them, in whole ms. */
function latencyOf(slices: Slice[]) {
  const all = slices.flatMap((s) => s.latencies).sort((a, b) => a - b)
  return { p50: Math.round(percentile(all, 50)), p99: Math.round(percentile(all, 99)) }
}

/**
 * A page measured in turns with the ceiling: after its warm-up, the measured time is cut into TURNS
 * slices of each, in the order ceiling, page, page, ceiling, ceiling, page…, so that the machine's
 * drift (it swings by half within a minute) weighs on both sides alike. p50 and p99 are over all the
 * page's answers in its slices; the worst single slice's p99 is kept beside them.
 */
async function measureInTurns(url: string, ceilingUrl: string, o: Options & { cookie?: string | undefined }) {
  if (o.warmup > 0) await load(url, o, o.warmup)
  const slice = o.duration / TURNS
  const page: Slice[] = []
  const ceiling: Slice[] = []
  for (let turn = 0; turn < TURNS; turn++) {
    const order = turn % 2 === 0 ? ([ceiling, page] as const) : ([page, ceiling] as const)
    for (const side of order)
      side.push(side === page ? await load(url, o, slice) : await load(ceilingUrl, { ...o, cookie: undefined }, slice))
  }
  const ratios = page.map((p, i) => p.requests / p.seconds / (ceiling[i]!.requests / ceiling[i]!.seconds))
  return {
    rps: rateOf(page),
    ...latencyOf(page),
    worstSliceP99: Math.max(...page.map((p) => p.p99)),
    errors: page.reduce((sum, p) => sum + p.errors, 0),
    ceilingRps: rateOf(ceiling),
    ceilingP99: latencyOf(ceiling).p99,
    turnRatios: [Math.min(...ratios), Math.max(...ratios)] as [number, number],
  }
}

async function measure(url: string, o: Options) {
  if (o.warmup > 0) await load(url, o, o.warmup)
  const r = await load(url, o, o.duration)
  return { rps: r.requests / r.seconds, ...latencyOf([r]), errors: r.errors }
}

/**
 * The thread the seeder made with exactly 200 replies (the newest such, if chance made others),
 * and a phrase only a few articles hold, from its text.
 */
async function findSeeded(
  pool: Queryable,
  threadId: number | undefined,
): Promise<{ thread: number; rarePhrase: string }> {
  const thread = threadId ?? (await findBigThread(pool))
  return { thread, rarePhrase: await findRarePhrase(pool, thread) }
}

/** `npm run bench:http`: pages of the real web process against a static-HTML ceiling; prints, asserts nothing. */
async function main() {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '50' },
      warmup: { type: 'string', default: '2' },
      duration: { type: 'string', default: '8' },
      forum: { type: 'string', default: 'latest-breaking-news' },
      thread: { type: 'string' },
      depth: { type: 'string', default: '500' },
      gzip: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  })
  // Rows whose name holds one of these (any case); the ceiling is always measured.
  const only = values.only?.toLowerCase().split(',').filter(Boolean)
  const wanted = (page: string) => !only || only.some((part) => page.toLowerCase().includes(part))
  const config = loadConfig()
  if (!config.databaseUrl) throw new Error(`DATABASE_URL is not set.\n${USAGE}`)
  const o: Options = {
    connections: Number(values.connections),
    warmup: Number(values.warmup),
    duration: Number(values.duration),
    gzip: values.gzip,
  }
  const pool = createPool(config.databaseUrl, config.databaseSchema, console, 1)
  const { thread, rarePhrase } = await findSeeded(pool, values.thread ? Number(values.thread) : undefined)
  // A thread seeded before replies were nested is nearly flat: `npm run bench:seed -- --nest-thread ID` fixes it.
  console.error(`Thread ${thread}: its replies go ${await replyTreeDepth(pool, thread)} levels deep`)

  buildDist()
  const children: Child[] = []
  try {
    const ceilingPort = await freePort()
    const ceiling = await startChild(
      process.execPath,
      ['--import', 'tsx', 'bench/http-ceiling.ts', String(ceilingPort)],
      process.env,
      ceilingPort,
      '/',
    )
    children.push(ceiling)
    const web = await startWeb()
    children.push(web)
    const member = await registerBenchMember(web.origin)
    const { cookie } = member
    console.error(`Member: ${await makeRegular(web.origin, member, thread, pool)}`)
    const forumPath = `/forums/${values.forum}`
    // Following 500 pages' links takes a while: only when that row is measured.
    const deep = wanted('forum page')
      ? await findDeepPage(web.origin, forumPath, Number(values.depth))
      : { path: forumPath, depth: 1, how: 'not followed' }
    console.error(`Deep page: ${deep.path} (page ${deep.depth}, reached by ${deep.how})`)

    const rows: Row[] = []
    const run = async (page: string, origin: string, path: string, who: 'anonymous' | 'member', pid: number) => {
      const headers: Record<string, string> = who === 'member' ? { cookie } : {}
      // The first request waits behind whatever the last run left queued; the second meets an idle server.
      await fetch(origin + path.replace(EACH, 'a'), { headers }).then((r) => r.arrayBuffer())
      const started = performance.now()
      const res = await fetch(origin + path.replace(EACH, 'b'), { headers })
      await res.arrayBuffer()
      const singleMs = Math.round(performance.now() - started)
      if (res.status !== 200) console.error(`${page}: ${path} answered ${res.status} before the run`)
      if (singleMs > SINGLE_REQUEST_LIMIT_MS) {
        console.error(`${page} (${who}): one request took ${singleMs} ms; not loaded`)
        rows.push({ page, who, singleMs, rps: NaN, p50: NaN, p99: NaN, errors: NaN, peakMiB: memoryOf(pid).peakMiB })
        return
      }
      const url = origin + path
      const as = { ...o, cookie: who === 'member' ? cookie : undefined }
      // The first row is the ceiling itself; every other is measured in turns with it.
      const m = rows.length === 0 ? await measure(url, as) : await measureInTurns(url, `${ceiling.origin}/`, as)
      rows.push({ page, who, singleMs, ...m, peakMiB: memoryOf(pid).peakMiB })
      console.error(`${page} (${who}): ${Math.round(m.rps)} req/s`)
    }
    await run('ceiling: static 20 KB (bare Fastify)', ceiling.origin, '/', 'anonymous', ceiling.process.pid!)
    const threadPage = await threadAddressOn(web.origin, thread)
    const pages: [string, string][] = [
      ['Latest Discussions /', '/'],
      ['Latest by activity /?sort=active', '/?sort=active'],
      ['Greatest Threads /greatest', '/greatest'],
      [`forum first page ${forumPath}`, forumPath],
      [`forum page ${deep.depth} via ${deep.how}`, deep.path],
      [`thread with 200 replies ${threadPage}`, threadPage],
      [`thread JSON /api/threads/${thread}`, `/api/threads/${thread}`],
      [`Latest feed ${FEED_PATH}`, FEED_PATH],
      // The pages and the API's answers are kept per search like list pages.
      ['search, a common word /search?q=officials', '/search?q=officials'],
      [`search, a rare phrase "${rarePhrase}"`, `/search?q=${encodeURIComponent(`"${rarePhrase}"`)}`],
      [
        'search with site: /search?q=budget site:harborgazette.com',
        `/search?q=${encodeURIComponent('budget site:harborgazette.com')}`,
      ],
      ['search API, a common word /api/search?q=officials', '/api/search?q=officials'],
      [`search API, a rare phrase "${rarePhrase}"`, `/api/search?q=${encodeURIComponent(`"${rarePhrase}"`)}`],
      // Each request leaves out a word no text holds, a new one each time: what a search costs that no cache holds.
      ['search API, never kept: officials -zzN (N new each request)', `/api/search?q=officials+-zz${EACH}`],
      [
        `search API, never kept: "${rarePhrase}" -zzN`,
        `/api/search?q=${encodeURIComponent(`"${rarePhrase}"`)}+-zz${EACH}`,
      ],
    ]
    for (const [page, path] of pages.filter(([page]) => wanted(page))) {
      for (const who of ['anonymous', 'member'] as const) await run(page, web.origin, path, who, web.process.pid!)
      if (path === FEED_PATH) {
        // A feed is several times a page's size: the same static ceiling at its size tells what bytes alone cost.
        const bytes = (await (await fetch(web.origin + path)).arrayBuffer()).byteLength
        await run(
          `ceiling at the feed's size (${bytes} bytes)`,
          ceiling.origin,
          `/?bytes=${bytes}`,
          'anonymous',
          ceiling.process.pid!,
        )
      }
    }
    printTable(rows, o, memoryOf(web.process.pid!))
  } finally {
    for (const child of children.reverse()) await child.stop()
    await pool.end()
  }
}

const msOrBlank = (n: number | undefined) => (n === undefined ? '' : `${n} ms`)

function printTable(rows: Row[], o: Options, web: { peakMiB: number }) {
  console.log(
    `\n${o.connections} connections, ${o.warmup} s warm-up, ${o.duration} s measured in ${TURNS} turns with the ceiling, ${o.gzip ? 'gzip' : 'uncompressed'}; ${availableParallelism()} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  )
  console.log(
    '| page | who | one request | req/s | ceiling beside it | × ceiling | turns | p50 | p99 | p99, worst slice | ceiling p99 | errors | peak RSS |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    const beside = r.ceilingRps === undefined ? '' : String(Math.round(r.ceilingRps))
    const ratio = r.ceilingRps === undefined ? '' : (r.rps / r.ceilingRps).toFixed(3)
    const turns = r.turnRatios ? r.turnRatios.map((t) => t.toFixed(2)).join('–') : ''
    const load = Number.isNaN(r.rps)
      ? `not loaded (one request > ${SINGLE_REQUEST_LIMIT_MS} ms) | | | | | | | | |`
      : `${Math.round(r.rps)} | ${beside} | ${ratio} | ${turns} | ${r.p50} ms | ${r.p99} ms | ${msOrBlank(r.worstSliceP99)} | ${msOrBlank(r.ceilingP99)} | ${r.errors} |`
    console.log(`| ${r.page} | ${r.who} | ${r.singleMs} ms | ${load} ${r.peakMiB} MiB |`)
  }
  console.log(
    `\nEach page's ratio is its req/s over the ceiling's in the ${TURNS} turns they took, ${o.duration / TURNS} s each; ` +
      "'turns' is the lowest and highest ratio of a single turn. p50 and p99 are over all the page's answers in its turns; " +
      "'p99, worst slice' is the highest of a single turn, and 'ceiling p99' the ceiling's over the turns beside it.",
  )
  console.log(`Web process peak RSS (VmHWM): ${web.peakMiB} MiB`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
