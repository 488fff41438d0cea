import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { extractDigest } from '../../src/extract/extract-digest.js'
import { createExtractPool, EXTRACT_BUDGET_MS } from '../../src/extract/extract-pool.js'
import { DigestFailure } from '../../src/digest/failure.js'
import { ROOT } from '../../src/paths.js'

const PAGES = join(ROOT, 'test', 'fixtures', 'pages')
const page = (name: string) => readFile(join(PAGES, name), 'utf8')
const EDITORIAL_URL = 'https://www.riversideledger.example/opinion/2016/04/06/city-cant-keep-patching-bridges/'

/** Thousands of paragraphs: long enough for jsdom to keep a thread busy for a while. */
function bigPage(paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `<p>Paragraph ${i} of the council's long report on bridges, inspections, bearings and budgets, read aloud.</p>`,
  ).join('\n')
  return `<!doctype html><html lang="en"><head><title>The long report</title></head><body><article><h1>The long report</h1>${body}</article></body></html>`
}

t.test('the pool gives the same digest as extracting in-process', async (t) => {
  const pool = createExtractPool({ threads: 1 })
  t.teardown(() => pool.close())
  const html = await page('editorial.html')
  const pooled = await pool.extract(html, EDITORIAL_URL, { paragraphs: 4 })
  t.same(pooled, extractDigest(html, EDITORIAL_URL, { paragraphs: 4 }))
  t.equal(pooled.title, 'The city can’t keep patching its bridges')
})

t.test('a DigestFailure crosses the thread boundary intact', async (t) => {
  const pool = createExtractPool({ threads: 1 })
  t.teardown(() => pool.close())
  const error = await pool.extract(await page('no-article.html'), 'https://example.com/', { paragraphs: 4 }).then(
    () => undefined,
    (err: unknown) => err,
  )
  t.ok(error instanceof DigestFailure, 'a DigestFailure')
  t.match(error, { reason: 'not_article', permanent: true, message: 'The page has no article text we could quote.' })
})

t.test('the event loop keeps running while a big page is extracted', async (t) => {
  const pool = createExtractPool({ threads: 1 })
  t.teardown(() => pool.close())
  // Warm up first, so the ticks below are counted while jsdom works, not while the thread starts.
  await pool.extract(await page('editorial.html'), EDITORIAL_URL, { paragraphs: 4 })
  let ticks = 0
  const timer = setInterval(() => ticks++, 1)
  try {
    const digest = await pool.extract(bigPage(4000), 'https://example.com/report', { paragraphs: 2 })
    t.equal(digest.title, 'The long report')
  } finally {
    clearInterval(timer)
  }
  t.ok(ticks > 0, `timers fired during the extraction (${ticks} ticks)`)
})

t.test('a page over its time budget fails alone with a timeout', async (t) => {
  t.equal(EXTRACT_BUDGET_MS, 20_000, 'the default budget')
  const pool = createExtractPool({ threads: 1, budgetMs: 1 })
  t.teardown(() => pool.close())
  const html = bigPage(4000)
  for (const attempt of [1, 2]) {
    const error = await pool.extract(html, 'https://example.com/report', { paragraphs: 2 }).then(
      () => undefined,
      (err: unknown) => err,
    )
    t.ok(error instanceof DigestFailure, `attempt ${attempt}: a DigestFailure`)
    t.match(error, { reason: 'timeout', permanent: true, message: /took too long to read \(over 0\.001 s\)/ })
  }
})

t.test('a stop ends an extraction at once with its own reason; the pool carries on', async (t) => {
  const pool = createExtractPool({ threads: 1 })
  t.teardown(() => pool.close())
  const stop = new AbortController()
  setTimeout(() => stop.abort('The worker is stopping.'), 50)
  const error = await pool.extract(bigPage(4000), 'https://example.com/report', { paragraphs: 2 }, stop.signal).then(
    () => undefined,
    (err: unknown) => err,
  )
  t.equal(error, 'The worker is stopping.', 'the stop’s reason, not a DigestFailure')
  const digest = await pool.extract(await page('editorial.html'), EDITORIAL_URL, { paragraphs: 4 })
  t.equal(digest.title, 'The city can’t keep patching its bridges', 'the next page is read as usual')
})

t.test('a quiet pool keeps one thread ready; threads of a busy spell exit when idle', async (t) => {
  const pool = createExtractPool({ threads: 2, idleTimeoutMs: 50 })
  t.teardown(() => pool.close())
  t.equal(pool.liveThreads, 1, 'a thread starts with the pool, before any page')
  const html = await page('editorial.html')
  await Promise.all([1, 2].map(() => pool.extract(html, EDITORIAL_URL, { paragraphs: 4 })))
  await sleep(1000)
  t.equal(pool.liveThreads, 1, 'one thread is left after twenty idle timeouts')
  const digest = await pool.extract(html, EDITORIAL_URL, { paragraphs: 4 })
  t.equal(digest.title, 'The city can’t keep patching its bridges', 'and it extracts')
})
