/**
 * `npm run bench:extract -- [corpus dir]`: extraction speed and quality over
 * saved pages (default ../shared/corpus/readability). Speed: throughput of the
 * worker-thread pool with one thread per core, and per-page times in-process
 * on one thread. Quality: metadata against Readability's expected-metadata.json
 * and excerpt openings against the hand-checked bench/excerpt-judgements.json.
 * Prints figures; asserts nothing.
 */
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import { cleanByline } from '../src/extract/byline.js'
import { parseDate } from '../src/extract/dates.js'
import { extractDigest, type Digest } from '../src/extract/extract-digest.js'
import { createExtractPool } from '../src/extract/extract-pool.js'
import { stripAuthor, stripSiteName } from '../src/extract/title.js'
import { ROOT } from '../src/paths.js'
import { summarize } from './stats.js'

/** Readability's test harness gives every page this address. */
const PAGE_URL = 'http://fakehost/test/page.html'
const OPTIONS = { paragraphs: 4 }

interface Page {
  name: string
  html: string
  expected: { title: string | null; byline: string | null; siteName: string | null; publishedTime: string | null }
}

interface Judgement {
  case: string
  lede: string[]
  mustNotContain: string[]
}

type Outcome = { digest: Digest } | { failure: string }

const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
const instant = (s: string | null | undefined) => {
  const parsed = parseDate(s)
  return parsed ? Date.parse(parsed.iso) : null
}
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`
const peakRss = () => mib(process.resourceUsage().maxRSS * 1024)
const fraction = (n: number, of: number) => `${n}/${of} (${of === 0 ? '-' : ((100 * n) / of).toFixed(1)}%)`
const failureOf = (err: unknown) => (err instanceof Error && 'reason' in err ? String(err.reason) : String(err))

async function loadPages(dir: string): Promise<Page[]> {
  const names = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
  return Promise.all(
    names.map(async (name) => ({
      name,
      html: await readFile(join(dir, name, 'source.html'), 'utf8'),
      expected: JSON.parse(await readFile(join(dir, name, 'expected-metadata.json'), 'utf8')) as Page['expected'],
    })),
  )
}

async function benchPool(pages: Page[], threads: number): Promise<Map<string, Outcome>> {
  const pool = createExtractPool({ threads })
  try {
    // Start every thread first, so start-up is not counted as extraction.
    await Promise.all(
      Array.from({ length: threads }, (_, i) =>
        pool.extract(pages[i % pages.length]!.html, PAGE_URL, OPTIONS).catch(() => undefined),
      ),
    )
    const outcomes = new Map<string, Outcome>()
    const started = performance.now()
    await Promise.all(
      pages.map((page) =>
        pool.extract(page.html, PAGE_URL, OPTIONS).then(
          (digest) => outcomes.set(page.name, { digest }),
          (err: unknown) => outcomes.set(page.name, { failure: failureOf(err) }),
        ),
      ),
    )
    const seconds = (performance.now() - started) / 1000
    console.log(
      `pool: ${threads} threads, ${pages.length} pages in ${seconds.toFixed(2)} s = ${(pages.length / seconds).toFixed(1)} pages/s`,
    )
    console.log(`peak RSS after the pool run (whole process, threads included): ${peakRss()}`)
    return outcomes
  } finally {
    await pool.close()
  }
}

/**
 * In-process, one page after another on this thread: our extraction, then
 * plain jsdom + Readability taking the first four paragraphs of its article,
 * on the same page (alternating, so both meet the machine in the same state).
 */
async function benchInProcess(pages: Page[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>()
  const ours: number[] = []
  const plain: number[] = []
  // Sampled after each of our pages: flat memory means the last is no higher than the early ones.
  const rss: number[] = []
  for (const page of pages) {
    let started = performance.now()
    try {
      outcomes.set(page.name, { digest: extractDigest(page.html, PAGE_URL, OPTIONS) })
    } catch (err) {
      outcomes.set(page.name, { failure: failureOf(err) })
    }
    ours.push(performance.now() - started)
    // Back-to-back jsdom parses without yielding let memory climb into gigabytes.
    await yieldToEventLoop()
    rss.push(process.memoryUsage.rss())
    started = performance.now()
    extractPlainly(page.html)
    plain.push(performance.now() - started)
    await yieldToEventLoop()
  }
  const oursRate = report('in-process, one thread', ours)
  const plainRate = report('plain jsdom + Readability, same pages', plain)
  console.log(`speed vs plain: ${(oursRate / plainRate).toFixed(2)}× the pages/s`)
  const tenth = Math.max(1, Math.floor(rss.length / 10))
  console.log(
    `RSS after our pages: first tenth up to ${mib(Math.max(...rss.slice(0, tenth)))}, last tenth up to ${mib(Math.max(...rss.slice(-tenth)))}`,
  )
  return outcomes
}

function extractPlainly(html: string): void {
  const dom = new JSDOM(html, { url: PAGE_URL, virtualConsole: new VirtualConsole() })
  try {
    const article = new Readability<Element>(dom.window.document, { serializer: (node) => node as Element }).parse()
    Array.from(article?.content?.querySelectorAll('p') ?? [], (p) => p.textContent).slice(0, 4)
  } catch {
    // Plain Readability throws on some pages; the time still counts.
  } finally {
    dom.window.close()
  }
}

/** Prints per-page times; returns pages/s. */
function report(label: string, times: number[]): number {
  const { median, p95, max } = summarize(times)
  const pagesPerSecond = times.length / (times.reduce((sum, ms) => sum + ms, 0) / 1000)
  console.log(
    `${label}: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms per page; ` +
      `${pagesPerSecond.toFixed(1)} pages/s`,
  )
  return pagesPerSecond
}

function reportMetadata(pages: Page[], outcomes: Map<string, Outcome>): void {
  const count = {
    title: [0, 0],
    titleTails: [0, 0],
    byline: [0, 0],
    bylineCleaned: [0, 0],
    siteName: [0, 0],
    publishedTime: [0, 0],
  }
  let extraPublished = 0
  const add = (key: keyof typeof count, hit: boolean) => {
    count[key][0]! += hit ? 1 : 0
    count[key][1]! += 1
  }
  for (const { name, expected } of pages) {
    const outcome = outcomes.get(name)
    const digest = outcome && 'digest' in outcome ? outcome.digest : undefined
    if (expected.title) {
      add('title', ws(digest?.title) === ws(expected.title))
      // Our titles drop " | Site" and " | Columnist" tails on purpose.
      const stripped = digest
        ? stripAuthor(stripSiteName(expected.title, [expected.siteName, digest.siteName], PAGE_URL), digest.byline)
        : ''
      add(
        'titleTails',
        ws(digest?.title) === ws(expected.title) || (digest !== undefined && ws(digest.title) === ws(stripped)),
      )
    }
    if (expected.byline) {
      add('byline', ws(digest?.byline) === ws(expected.byline))
      add('bylineCleaned', digest !== undefined && digest.byline === cleanByline(expected.byline))
    }
    if (expected.siteName) add('siteName', ws(digest?.siteName) === ws(expected.siteName))
    const theirs = instant(expected.publishedTime)
    const ours = instant(digest?.publishedTime)
    if (theirs !== null) add('publishedTime', ours === theirs)
    else if (ours !== null) extraPublished++
  }
  const show = (key: keyof typeof count) => fraction(count[key][0]!, count[key][1]!)
  console.log(`title: ${show('title')} same text; ${show('titleTails')} allowing the site/author tails we strip`)
  console.log(
    `byline: ${show('byline')} same text; ${show('bylineCleaned')} against Readability's byline cleaned ("By", dates, roles removed)`,
  )
  console.log(`siteName: ${show('siteName')}`)
  console.log(`publishedTime: ${show('publishedTime')} same instant`)
  console.log(`published time found where Readability has none: ${extraPublished} pages`)
}

async function reportExcerpts(outcomes: Map<string, Outcome>): Promise<void> {
  const file = join(ROOT, 'bench', 'excerpt-judgements.json')
  const { cases } = JSON.parse(await readFile(file, 'utf8')) as { cases: Judgement[] }
  const ledeMisses: string[] = []
  const polluted: string[] = []
  let judged = 0
  for (const judgement of cases) {
    const outcome = outcomes.get(judgement.case)
    if (!outcome) continue
    judged++
    const excerpt = 'digest' in outcome ? outcome.digest.excerpt.slice(0, 4) : []
    const first = ws(excerpt[0])
    if (!judgement.lede.some((lede) => first.startsWith(ws(lede)))) {
      ledeMisses.push(
        `${judgement.case} (${'failure' in outcome ? outcome.failure : JSON.stringify(first.slice(0, 50))})`,
      )
    }
    const found = judgement.mustNotContain.filter((text) => excerpt.some((p) => ws(p).includes(ws(text))))
    if (found.length > 0) polluted.push(`${judgement.case} (${found.map((s) => JSON.stringify(s)).join(', ')})`)
  }
  console.log(`lede first: ${judged - ledeMisses.length}/${judged}`)
  console.log(`excerpts with non-article paragraphs: ${polluted.length}/${judged}`)
  if (ledeMisses.length > 0) console.log(`  lede not first: ${ledeMisses.join('; ')}`)
  if (polluted.length > 0) console.log(`  non-article text: ${polluted.join('; ')}`)
}

async function main() {
  const arg = process.argv[2]
  // npm run moves to the package root; a relative path means where the command was typed.
  const dir = arg ? resolve(process.env.INIT_CWD ?? '.', arg) : join(ROOT, '..', 'shared', 'corpus', 'readability')
  if (!existsSync(dir)) throw new Error(`No corpus at ${dir}`)
  const pages = await loadPages(dir)
  console.log(`corpus: ${dir}, ${pages.length} pages`)

  const inProcess = await benchInProcess(pages)
  console.log(`peak RSS after the in-process run: ${peakRss()}`)
  const pooled = await benchPool(pages, availableParallelism())

  const same = pages.filter((p) => JSON.stringify(pooled.get(p.name)) === JSON.stringify(inProcess.get(p.name))).length
  console.log(`pool and in-process results identical: ${same}/${pages.length}`)
  const failures = pages.flatMap((p) => {
    const outcome = pooled.get(p.name)
    return outcome && 'failure' in outcome ? [`${p.name} (${outcome.failure})`] : []
  })
  console.log(`no digest: ${failures.length} pages${failures.length > 0 ? `: ${failures.join(', ')}` : ''}`)

  reportMetadata(pages, pooled)
  await reportExcerpts(pooled)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
