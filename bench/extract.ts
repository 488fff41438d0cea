/**
 * `npm run bench:extract -- [--quality] [corpus dir…]`: extraction speed and
 * quality over saved pages (default: both shared corpora, readability and
 * trafilatura). Speed: throughput of the worker-thread pool with one thread
 * per core, and per-page times in-process on one thread. Quality (see
 * extract-quality.ts), from the in-process run, for the dev and held-out
 * halves. `--quality` skips the pool run. Prints figures; asserts nothing.
 *
 * Run through scripts/launch.mjs, as the worker runs: under tsx, jsdom's
 * require() of the parse5 ES module goes through tsx's transform, whose
 * export getters made parsing three times slower than in production.
 *
 * Memory: RSS follows how far V8 lets the heap grow between collections,
 * which this run's allocation rate (both extractions in one heap) decides;
 * what our extraction keeps is the live heap after a full collection,
 * sampled through the run: flat means the last samples are no higher than
 * the first.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import { extractDigest } from '../src/extract/extract-digest.js'
import { createExtractPool } from '../src/extract/extract-pool.js'
import { ROOT } from '../src/paths.js'
import { loadCorpus, type Page } from './extract-corpora.js'
import { reportQuality, type Outcome } from './extract-quality.js'
import { summarize } from './stats.js'

const OPTIONS = { paragraphs: 4 }

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`
const peakRss = () => mib(process.resourceUsage().maxRSS * 1024)
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void
/** Heap still in use after full collections: the second frees what the first only finalized. */
const liveHeap = () => {
  collectGarbage()
  collectGarbage()
  return process.memoryUsage().heapUsed
}
/** Live-heap samples per run. */
const HEAP_SAMPLES = 10
// A refusal carries its reason (through the pool too, which hands back plain errors); anything else crashed.
const failureOf = (err: unknown): Outcome =>
  err instanceof Error && 'reason' in err
    ? { failure: String(err.reason), crashed: false }
    : { failure: String(err), crashed: true }

async function benchPool(pages: Page[], threads: number): Promise<Map<string, Outcome>> {
  const pool = createExtractPool({ threads })
  try {
    // Start every thread first, so start-up is not counted as extraction.
    await Promise.all(
      Array.from({ length: threads }, (_, i) =>
        pool.extract(pages[i % pages.length]!.html, pages[i % pages.length]!.url, OPTIONS).catch(() => undefined),
      ),
    )
    const outcomes = new Map<string, Outcome>()
    const started = performance.now()
    await Promise.all(
      pages.map((page) =>
        pool.extract(page.html, page.url, OPTIONS).then(
          (digest) => outcomes.set(page.name, { digest }),
          (err: unknown) => outcomes.set(page.name, failureOf(err)),
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
  // Sampled after each of our pages: RSS, and now and then the live heap.
  const rss: number[] = []
  const heap: number[] = []
  const sampleEvery = Math.max(1, Math.floor(pages.length / HEAP_SAMPLES))
  const startHeap = liveHeap()
  for (const [i, page] of pages.entries()) {
    let started = performance.now()
    try {
      outcomes.set(page.name, { digest: extractDigest(page.html, page.url, OPTIONS) })
    } catch (err) {
      outcomes.set(page.name, failureOf(err))
    }
    ours.push(performance.now() - started)
    // Back-to-back jsdom parses without yielding let memory climb into gigabytes.
    await yieldToEventLoop()
    rss.push(process.memoryUsage.rss())
    if ((i + 1) % sampleEvery === 0) heap.push(liveHeap() - startHeap)
    started = performance.now()
    extractPlainly(page.html, page.url)
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
  console.log(`live heap kept, every ${sampleEvery} pages (MiB above the start): ${heap.map(mib).join(', ')}`)
  return outcomes
}

function extractPlainly(html: string, url: string): void {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() })
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

async function main() {
  const args = process.argv.slice(2)
  const qualityOnly = args.includes('--quality')
  const dirArgs = args.filter((arg) => !arg.startsWith('--'))
  // npm run moves to the package root; a relative path means where the command was typed.
  const dirs =
    dirArgs.length > 0
      ? dirArgs.map((arg) => resolve(process.env.INIT_CWD ?? '.', arg))
      : ['readability', 'trafilatura'].map((name) => join(ROOT, '..', 'shared', 'corpus', name))
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new Error(`No corpus at ${dir}`)
    const corpus = await loadCorpus(dir)
    const { pages } = corpus
    console.log(`\ncorpus: ${dir}, ${pages.length} pages`)

    const inProcess = await benchInProcess(pages)
    console.log(`peak RSS after the in-process run: ${peakRss()}`)
    if (!qualityOnly) {
      const pooled = await benchPool(pages, availableParallelism())
      const same = pages.filter(
        (p) => JSON.stringify(pooled.get(p.name)) === JSON.stringify(inProcess.get(p.name)),
      ).length
      console.log(`pool and in-process results identical: ${same}/${pages.length}`)
    }
    await reportQuality(corpus, inProcess)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
