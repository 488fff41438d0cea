/**
 * Regression over Readability's own test pages: our digest against the
 * metadata Readability 0.6 reports for them. Titles must match (allowing for
 * the " | Site" tails we strip on purpose); the other fields are reported.
 */
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import t from 'tap'
import { cleanByline } from '../../src/extract/byline.js'
import { parseDate } from '../../src/extract/dates.js'
import { extractDigest, type Digest } from '../../src/extract/extract-digest.js'
import { stripAuthor, stripSiteName } from '../../src/extract/title.js'
import { DigestFailure } from '../../src/digest/failure.js'
import { ROOT } from '../../src/paths.js'

/** shared/ sits beside the repository on developer machines and in CI. */
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'readability')
const URL = 'http://fakehost/test/page.html'

interface Expected {
  title: string
  byline: string | null
  siteName: string | null
  publishedTime: string | null
}

const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
const instant = (s: string | null | undefined) => {
  const parsed = parseDate(s)
  return parsed ? Date.parse(parsed.iso) : null
}

/** Where the page gives no zone we keep only the date: the same date as Readability's time counts as a match. */
function sameDate(digest: Digest, expected: Expected): boolean {
  const wall = parseDate(expected.publishedTime)?.wall
  if (digest.publishedTimePrecision !== 'date' || !wall) return false
  const day = [wall.year, wall.month, wall.day].map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-')
  return digest.publishedTime === day
}

function titleMatches(digest: Digest, expected: Expected): boolean {
  if (ws(digest.title) === ws(expected.title)) return true
  const stripped = stripAuthor(stripSiteName(expected.title, [expected.siteName, digest.siteName], URL), digest.byline)
  return ws(digest.title) === ws(stripped)
}

const cases = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((name) => existsSync(join(CORPUS, name, 'source.html')))
      .sort()
  : []

t.test('Readability corpus', { skip: cases.length === 0 ? `no corpus at ${CORPUS}` : false }, async (t) => {
  const score = {
    title: 0,
    titleExact: 0,
    byline: 0,
    siteName: 0,
    publishedTime: 0,
    datedByReadability: 0,
    extraPublishedTime: 0,
  }
  const notArticle: string[] = []
  const times: Array<[string, number]> = []
  let done = 0

  for (const name of cases) {
    const html = await readFile(join(CORPUS, name, 'source.html'), 'utf8')
    const expected = JSON.parse(await readFile(join(CORPUS, name, 'expected-metadata.json'), 'utf8')) as Expected
    const started = performance.now()
    let digest: Digest
    try {
      digest = extractDigest(html, URL, { paragraphs: 4 })
    } catch (error) {
      if (error instanceof DigestFailure && error.reason === 'not_article') {
        notArticle.push(name)
        continue
      }
      t.fail(`${name} threw: ${String(error)}`)
      continue
    } finally {
      times.push([name, performance.now() - started])
      // Back-to-back jsdom parses without yielding let memory climb into gigabytes.
      await yieldToEventLoop()
    }
    done++

    if (titleMatches(digest, expected)) score.title++
    else t.comment(`title ${name}: ${JSON.stringify(digest.title)} vs ${JSON.stringify(expected.title)}`)
    if (ws(digest.title) === ws(expected.title)) score.titleExact++

    if (digest.byline === cleanByline(expected.byline)) score.byline++
    else t.comment(`byline ${name}: ${JSON.stringify(digest.byline)} vs ${JSON.stringify(expected.byline)}`)

    if (ws(digest.siteName) === ws(expected.siteName)) score.siteName++
    else t.comment(`siteName ${name}: ${JSON.stringify(digest.siteName)} vs ${JSON.stringify(expected.siteName)}`)

    const ours = instant(digest.publishedTime)
    const theirs = instant(expected.publishedTime)
    if (theirs !== null) score.datedByReadability++
    const dateMatches = ours === theirs || sameDate(digest, expected)
    if (dateMatches) score.publishedTime++
    else if (theirs === null) score.extraPublishedTime++
    if (theirs !== null && !dateMatches)
      t.comment(`publishedTime ${name}: ${digest.publishedTime} vs ${expected.publishedTime}`)

    t.ok(digest.excerpt.length > 0, `${name}: has an excerpt`)
    t.notOk(
      digest.excerpt.some((p) => /<[a-z!/]/i.test(p)),
      `${name}: excerpt is plain text`,
    )
  }

  const rate = (n: number) => `${((100 * n) / done).toFixed(1)}%`
  const total = times.reduce((sum, [, ms]) => sum + ms, 0)
  const slowest = [...times].sort((a, b) => b[1] - a[1]).slice(0, 3)
  t.comment(`${done} digests, ${notArticle.length} not_article: ${notArticle.join(', ')}`)
  t.comment(
    `title ${rate(score.title)} (verbatim ${rate(score.titleExact)}), byline ${rate(score.byline)}, ` +
      `siteName ${rate(score.siteName)}, publishedTime ${rate(score.publishedTime)} ` +
      `(same instant on ${score.publishedTime - (done - score.datedByReadability - score.extraPublishedTime)} of the ` +
      `${score.datedByReadability} pages Readability dates; ${score.extraPublishedTime} more dated from <time>/microdata)`,
  )
  t.comment(
    `time: ${Math.round(total)} ms total, ${Math.round(total / times.length)} ms per page, slowest ` +
      slowest.map(([name, ms]) => `${name} ${Math.round(ms)} ms`).join(', '),
  )

  t.ok(score.title / done >= 0.9, `title match rate ${rate(score.title)} ≥ 90%`)
  // Only tiny test pages (a lone heading, a three-word paragraph) may be judged "not an article".
  t.ok(notArticle.length <= 8, `few pages judged not an article (${notArticle.length})`)
})
