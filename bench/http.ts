import { availableParallelism, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { loadConfig } from '../src/config.js'
import { createPool, type Queryable } from '../src/db/pool.js'
import { findDeepPage, makeRegular, registerBenchMember, threadAddressOn } from './http-pages.js'
import { findBigThread, findRarePhrase, replyTreeDepth } from './seed-database.js'
import { buildDist, freePort, memoryOf, startChild, startWeb, type Child } from './http-processes.js'

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

interface Row {
  page: string
  who: string
  /** One request on the idle server, before the run. */
  singleMs: number
  rps: number
  p50: number
  p99: number
  errors: number
  peakMiB: number
  /** The 20 KB ceiling around this row's page: the mean of the runs just before and just after it. */
  ceilingRps?: number
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

async function measure(url: string, o: Options & { cookie?: string | undefined }) {
  const headers = {
    ...(o.gzip ? { 'accept-encoding': ACCEPT_ENCODING } : {}),
    ...(o.cookie ? { cookie: o.cookie } : {}),
  }
  const path = url.slice(new URL(url).origin.length)
  const requests: autocannon.Request[] | undefined = url.includes(EACH)
    ? [{ setupRequest: (request) => ({ ...request, path: path.replace(EACH, String(++requestNumber)) }) }]
    : undefined
  const options = { url, connections: o.connections, headers, ...(requests ? { requests } : {}) }
  if (o.warmup > 0) await autocannon({ ...options, duration: o.warmup })
  const r = await autocannon({ ...options, duration: o.duration })
  return { rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors }
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
      const m = await measure(origin + path, { ...o, cookie: who === 'member' ? cookie : undefined })
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
    // The machine's pace drifts between runs; the ceiling is measured again after each page, and each page is
    // compared with the ceilings on either side of it.
    const ceilingRuns = [rows[0]!.rps]
    for (const [page, path] of pages.filter(([page]) => wanted(page))) {
      const first = rows.length
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
      const after = (await measure(`${ceiling.origin}/`, o)).rps
      const around = (ceilingRuns.at(-1)! + after) / 2
      ceilingRuns.push(after)
      for (const row of rows.slice(first)) row.ceilingRps = around
    }
    printTable(rows, o, memoryOf(web.process.pid!), ceilingRuns)
  } finally {
    for (const child of children.reverse()) await child.stop()
    await pool.end()
  }
}

function printTable(rows: Row[], o: Options, web: { peakMiB: number }, ceilingRuns: number[]) {
  const ceiling = rows[0]!.rps
  console.log(
    `\n${o.connections} connections, ${o.warmup} s warm-up, ${o.duration} s measured, ${o.gzip ? 'gzip' : 'uncompressed'}; ${availableParallelism()} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  )
  console.log('| page | who | one request | req/s | × ceiling | p50 | p99 | errors | peak RSS |')
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    const load = Number.isNaN(r.rps)
      ? `not loaded (one request > ${SINGLE_REQUEST_LIMIT_MS} ms) | | | | |`
      : `${Math.round(r.rps)} | ${(r.rps / (r.ceilingRps ?? ceiling)).toFixed(3)} | ${r.p50} ms | ${r.p99} ms | ${r.errors} |`
    console.log(`| ${r.page} | ${r.who} | ${r.singleMs} ms | ${load} ${r.peakMiB} MiB |`)
  }
  console.log(
    `\nThe ceiling, measured before the first page and after each: ${ceilingRuns.map(Math.round).join(', ')} req/s. ` +
      "Each page's ratio is to the mean of the runs just before and just after it.",
  )
  console.log(`Web process peak RSS (VmHWM): ${web.peakMiB} MiB`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
