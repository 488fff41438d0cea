/**
 * `npm run bench:metadata -- [--half dev|held-out] [--save file] [--against file]`: dateline and
 * byline coverage on both shared corpora, each split in two halves by a hash
 * of the page's name ("dev", where rules may be written, and "held-out",
 * where they are checked). Readability's pages are scored against its
 * expected-metadata.json; the trafilatura pages, which have no expected
 * metadata, count the pages that yield a plausible date or byline.
 * `--save` writes every page's digest fields (metadata, standfirst, excerpt and
 * article text) to a file;
 * `--against` lists the pages whose fields differ from such a file.
 * Prints figures; asserts nothing.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { gunzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import { parseDate } from '../src/extract/dates.js'
import { extractDigest, type Digest } from '../src/extract/extract-digest.js'
import { decodeHtml } from '../src/fetch/decode-body.js'
import { ROOT } from '../src/paths.js'

const CORPUS = join(ROOT, '..', 'shared', 'corpus')
/** Readability's test harness gives every page this address. */
const READABILITY_URL = 'http://fakehost/test/page.html'
const EARLIEST = Date.UTC(1995, 0, 1)

interface Page {
  corpus: 'readability' | 'trafilatura'
  name: string
  url: string
  html: string
  expected?: { byline: string | null; publishedTime: string | null }
}

/** The digest fields a snapshot keeps, compared page by page by `--against`. */
const FIELDS = [
  'title',
  'byline',
  'siteName',
  'lang',
  'publishedTime',
  'modifiedTime',
  'canonicalUrl',
  'imageUrl',
  'standfirst',
  'excerpt',
  'text',
] as const satisfies readonly (keyof Digest)[]
type Fields = Pick<Digest, (typeof FIELDS)[number]>
type Snapshot = Record<string, Fields | { failure: string }>

type Half = 'dev' | 'held-out'

/** The half a page belongs to: fixed by its name, so every run splits alike. */
function halfOf(name: string): Half {
  return createHash('sha1').update(name).digest()[0]! % 2 === 0 ? 'dev' : 'held-out'
}

function loadReadability(): Page[] {
  const dir = join(CORPUS, 'readability')
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
    .map((name) => ({
      corpus: 'readability',
      name,
      url: READABILITY_URL,
      html: readFileSync(join(dir, name, 'source.html'), 'utf8'),
      expected: JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Page['expected'],
    }))
}

function loadTrafilatura(): Page[] {
  const dir = join(CORPUS, 'trafilatura')
  const pages = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, { file: string }>
  return Object.entries(pages)
    .map(([url, { file }]) => ({
      corpus: 'trafilatura' as const,
      name: file,
      url,
      html: decodeHtml(gunzipSync(readFileSync(join(dir, 'html', `${file}.gz`))), 'text/html'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Between 1995 and now (a day's grace for zones), and not modified before it was published (by the calendar when either is a date alone). */
function isPlausible(digest: Digest): boolean {
  const published = instant(digest.publishedTime)
  if (published === null || published < EARLIEST || published > Date.now() + 86_400_000) return false
  const modified = instant(digest.modifiedTime)
  if (modified === null) return true
  return digest.publishedTimePrecision === 'date' || digest.modifiedTimePrecision === 'date'
    ? digest.modifiedTime!.slice(0, 10) >= digest.publishedTime!.slice(0, 10)
    : modified >= published
}

function instant(value: string | null): number | null {
  const parsed = parseDate(value)
  return parsed ? Date.parse(parsed.iso) : null
}

const percent = (n: number, of: number) => `${n}/${of} (${of === 0 ? '-' : ((100 * n) / of).toFixed(1)}%)`

function report(pages: Page[], outcomes: Map<string, Digest | string>): void {
  for (const corpus of ['readability', 'trafilatura'] as const) {
    for (const half of ['dev', 'held-out'] as const) {
      const set = pages.filter((p) => p.corpus === corpus && halfOf(p.name) === half)
      if (set.length === 0) continue
      const digests = set.flatMap((p) => {
        const outcome = outcomes.get(key(p))
        return typeof outcome === 'object' ? [{ page: p, digest: outcome }] : []
      })
      const dated = digests.filter(({ digest }) => isPlausible(digest)).length
      const bylined = digests.filter(({ digest }) => digest.byline).length
      let line =
        `${corpus} ${half}: ${set.length} pages, ${digests.length} digests; ` +
        `plausible date ${percent(dated, digests.length)}, byline ${percent(bylined, digests.length)}`
      if (corpus === 'readability') {
        const withDate = digests.filter(({ page }) => page.expected?.publishedTime)
        const withByline = digests.filter(({ page }) => page.expected?.byline)
        line +=
          `; where Readability has one: date ${percent(withDate.filter(({ digest }) => isPlausible(digest)).length, withDate.length)}` +
          `, byline ${percent(withByline.filter(({ digest }) => digest.byline).length, withByline.length)}`
      }
      console.log(line)
    }
  }
}

const key = (page: Page) => `${page.corpus}/${page.name}`

function fieldsOf(outcome: Digest | string): Fields | { failure: string } {
  if (typeof outcome === 'string') return { failure: outcome }
  return Object.fromEntries(FIELDS.map((field) => [field, outcome[field]])) as Fields
}

function compare(snapshot: Snapshot, before: Snapshot): void {
  const changed: string[] = []
  for (const [name, fields] of Object.entries(snapshot)) {
    const old = before[name]
    if (JSON.stringify(old) === JSON.stringify(fields)) continue
    const what: string[] = []
    if (old && !('failure' in old) && !('failure' in fields)) {
      what.push(...FIELDS.filter((field) => JSON.stringify(old[field]) !== JSON.stringify(fields[field])))
    }
    changed.push(`${name} (${what.length > 0 ? what.join(', ') : 'outcome'})`)
  }
  console.log(`pages whose digest changed: ${changed.length}/${Object.keys(snapshot).length}`)
  for (const line of changed) console.log(`  ${line}`)
}

async function main() {
  const { values } = parseArgs({
    options: { save: { type: 'string' }, against: { type: 'string' }, half: { type: 'string' } },
  })
  const pages = [...loadReadability(), ...loadTrafilatura()].filter(
    (p) => !values.half || halfOf(p.name) === values.half,
  )
  const outcomes = new Map<string, Digest | string>()
  for (const page of pages) {
    try {
      outcomes.set(key(page), extractDigest(page.html, page.url, { paragraphs: 4 }))
    } catch (err) {
      outcomes.set(key(page), err instanceof Error && 'reason' in err ? String(err.reason) : String(err))
    }
    // Back-to-back jsdom parses without yielding let memory climb into gigabytes.
    await yieldToEventLoop()
  }
  report(pages, outcomes)
  const snapshot: Snapshot = Object.fromEntries([...outcomes].map(([name, outcome]) => [name, fieldsOf(outcome)]))
  if (values.save) writeFileSync(values.save, JSON.stringify(snapshot, null, 1))
  if (values.against) compare(snapshot, JSON.parse(readFileSync(values.against, 'utf8')) as Snapshot)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
