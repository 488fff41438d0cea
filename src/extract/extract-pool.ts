/**
 * Runs extractDigest in worker threads (piscina), so that jsdom's 0.1–1.5 s of
 * CPU per page never blocks the event loop that serves the queue (BullMQ
 * renews job locks on it). A page over its time budget fails alone: its thread
 * is terminated and replaced, the other pages carry on.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Piscina } from 'piscina'
import { DigestFailure } from '../digest/failure.js'
import { BUNDLE_DIR } from '../paths.js'
import { Slots } from '../slots.js'
import type { Digest, ExtractOptions } from './extract-digest.js'
import { extractDuration, secondsSince } from '../metrics/metrics.js'
import type { ExtractResult, ExtractTask } from './extract-worker.js'

/**
 * Time one page may spend in its thread before we give up on it: wall time, as a thread's own CPU
 * time cannot be read from outside it. The slowest real pages take ~1.5 s of CPU, so this leaves
 * room for a machine busy with other work, while a page that never ends still ends here.
 */
export const EXTRACT_BUDGET_MS = 20_000
/** Threads beyond the first that sit idle this long exit, giving back jsdom's memory. */
export const EXTRACT_IDLE_TIMEOUT_MS = 30_000

export interface ExtractPoolOptions {
  threads: number
  /** Per page; counted from when a thread takes the page, not while it waits for one. */
  budgetMs?: number
  idleTimeoutMs?: number
}

export interface ExtractPool {
  readonly threads: number
  /** Threads running now, busy or ready. */
  readonly liveThreads: number
  /** `stop` ends the extraction early (the worker is stopping): it then rejects with the signal's reason. */
  extract(html: string, url: string, options: ExtractOptions, stop?: AbortSignal): Promise<Digest>
  /** Lets pages in hand finish, then stops the threads. */
  close(): Promise<void>
}

/**
 * Each thread's young generation (V8's nursery, three semi-spaces). A page's DOM lives until the
 * page is read, so with the default 48 MiB most of it is copied twice, into the nursery's other
 * half and then out to the old generation, before it dies; collecting took a quarter of a
 * thread's time. At 192 MiB most of a page dies where it was made: 2 threads read the 990
 * trafilatura pages 26% faster (22.1 against 17.5 pages/s, four alternating runs) for 50–90 MiB
 * more per thread at the peak. 384 was no faster.
 */
const YOUNG_GENERATION_MB = 192

/** One thread per digest the worker makes at once, but no more threads than cores. */
export function extractThreadsFor(workerConcurrency: number): number {
  return Math.max(1, Math.min(workerConcurrency, availableParallelism()))
}

/**
 * One thread starts at once and stays however long the forum is quiet, so a
 * post never waits for a thread to start and load jsdom (over a second);
 * threads started for a busy spell exit after their idle timeout.
 */
export function createExtractPool({
  threads,
  budgetMs = EXTRACT_BUDGET_MS,
  idleTimeoutMs = EXTRACT_IDLE_TIMEOUT_MS,
}: ExtractPoolOptions): ExtractPool {
  const piscina = new Piscina<ExtractTask, ExtractResult>({
    ...workerEntry(),
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: idleTimeoutMs,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  })
  // At most one page per thread is handed to piscina at once.
  const slots = new Slots(threads)

  return {
    threads,
    get liveThreads() {
      return piscina.threads.length
    },
    extract: (html, url, options, stop) =>
      slots.run(async () => {
        // Started only once a thread is free, so time spent queued never eats a page's budget.
        const timeout = AbortSignal.timeout(budgetMs)
        const signal = stop ? AbortSignal.any([timeout, stop]) : timeout
        const start = performance.now()
        let result: ExtractResult
        try {
          result = await piscina.run({ html, url, options }, { signal })
          extractDuration.observe({ result: result.ok ? 'ok' : 'error' }, secondsSince(start))
        } catch (err) {
          extractDuration.observe({ result: 'error' }, secondsSince(start))
          // Piscina has already terminated the thread; it starts a fresh one for the next page.
          stop?.throwIfAborted()
          if (signal.aborted) {
            throw new DigestFailure('timeout', `The page took too long to read (over ${budgetMs / 1000} s).`, true)
          }
          throw err
        }
        if (result.ok) return result.digest
        if ('failure' in result) {
          const { reason, message, permanent } = result.failure
          throw new DigestFailure(reason, message, permanent)
        }
        throw new Error(`Extraction failed in a worker thread: ${result.error}`)
      }),
    close: () => piscina.close(),
  }
}

/**
 * The thread's entry: extract-worker.ts under tsx, where the thread needs tsx's loader too (loader
 * hooks are not inherited by threads); extract-worker.js next to this module in the compiled
 * dist/; the launcher's bundle of it when this module is itself inside a bundle.
 */
function workerEntry(): { filename: string; execArgv?: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    return {
      filename: new URL('./extract-worker.ts', import.meta.url).href,
      execArgv: ['--import', import.meta.resolve('tsx')],
    }
  }
  const built = new URL('./extract-worker.js', import.meta.url)
  if (existsSync(fileURLToPath(built))) return { filename: built.href }
  const bundled = join(BUNDLE_DIR, 'src', 'extract', 'extract-worker.js')
  if (existsSync(bundled)) return { filename: pathToFileURL(bundled).href }
  throw new Error(`No extraction worker next to ${fileURLToPath(import.meta.url)} nor in ${BUNDLE_DIR}`)
}
