/**
 * The quality half of bench:extract, per corpus and per half (dev, held-out):
 * pages refused or crashed; title, byline, published time and standfirst
 * found; Readability's metadata matched; `with` recall and `without` leakage of
 * the article text and of the excerpt; and hand judgements of excerpt openings
 * (lede first, no non-article paragraph) kept as data files in bench/.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { cleanByline } from '../src/extract/byline.js'
import { parseDate } from '../src/extract/dates.js'
import type { Digest } from '../src/extract/extract-digest.js'
import { stripAuthor, stripSiteName } from '../src/extract/title.js'
import { ROOT } from '../src/paths.js'
import type { Corpus, ExpectedMetadata, Page, Split } from './extract-corpora.js'
import { labelsAlsoInArticle } from './snippet-labels.js'

export type Outcome = { digest: Digest } | { failure: string; crashed: boolean }

interface Judgement {
  case: string
  /** Openings of the first paragraph of running text; empty when the page has no lede (not news, a list). */
  lede: string[]
  mustNotContain: string[]
}

/** Hand judgements per corpus, by the corpus' directory name: each file a set of pages read at one time, reported apart. */
const JUDGEMENTS: Readonly<Record<string, readonly string[]>> = {
  readability: ['excerpt-judgements.json'],
  trafilatura: [
    'excerpt-judgements-trafilatura.json',
    'excerpt-judgements-trafilatura-2.json',
    'excerpt-judgements-trafilatura-3.json',
    'excerpt-judgements-trafilatura-4.json',
    'excerpt-judgements-trafilatura-5.json',
    'excerpt-judgements-trafilatura-6.json',
    'excerpt-judgements-trafilatura-7.json',
    'excerpt-judgements-trafilatura-8.json',
    'excerpt-judgements-trafilatura-9.json',
    'excerpt-judgements-trafilatura-10.json',
  ],
}

interface JudgementSet {
  file: string
  cases: ReadonlyMap<string, Judgement>
}
const SPLITS: readonly Split[] = ['dev', 'held-out']
const EXCERPT_PARAGRAPHS = 4

/** The same text however the page spaced it: snippets were copied from a browser, our text from the DOM. */
const norm = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
const instant = (s: string | null | undefined) => {
  const parsed = parseDate(s)
  return parsed ? Date.parse(parsed.iso) : null
}

/** A tally of hits out of cases, shown as "n/of (x%)". */
class Count {
  hits = 0
  of = 0
  add(hit: boolean, weight = 1): void {
    if (hit) this.hits += weight
    this.of += weight
  }
  toString(): string {
    return this.of === 0 ? '-' : `${this.hits}/${this.of} (${((100 * this.hits) / this.of).toFixed(1)}%)`
  }
}

type Row = [measure: string, value: string]

export async function reportQuality(corpus: Corpus, outcomes: ReadonlyMap<string, Outcome>): Promise<void> {
  const judgements = await loadJudgements(corpus.name)
  const rows = new Map<string, string[]>()
  const misses: string[] = []
  for (const split of SPLITS) {
    const pages = corpus.pages.filter((p) => p.split === split)
    const found = measureSplit(pages, outcomes, judgements, (line) => misses.push(`${split}: ${line}`))
    for (const [measure, value] of found) rows.set(measure, [...(rows.get(measure) ?? []), value])
  }
  console.log(`\n| ${corpus.name} | ${SPLITS.join(' | ')} |\n|---|${SPLITS.map(() => '---').join('|')}|`)
  for (const [measure, values] of rows) console.log(`| ${measure} | ${values.join(' | ')} |`)
  if (misses.length > 0) console.log(`\n${misses.join('\n')}`)
}

function measureSplit(
  pages: readonly Page[],
  outcomes: ReadonlyMap<string, Outcome>,
  judgements: readonly JudgementSet[],
  note: (line: string) => void,
): Row[] {
  const digestOf = (page: Page) => {
    const outcome = outcomes.get(page.name)
    return outcome && 'digest' in outcome ? outcome.digest : undefined
  }
  const refused = new Count()
  const crashed = new Count()
  const found = { title: new Count(), byline: new Count(), published: new Count(), standfirst: new Count() }
  for (const page of pages) {
    const outcome = outcomes.get(page.name)
    const failed = !outcome || 'failure' in outcome
    refused.add(failed && !(outcome && 'crashed' in outcome && outcome.crashed))
    crashed.add(outcome !== undefined && 'crashed' in outcome && outcome.crashed)
    if (outcome && 'crashed' in outcome && outcome.crashed) note(`crashed: ${page.name} (${outcome.failure})`)
    const digest = digestOf(page)
    found.title.add(Boolean(digest?.title))
    found.byline.add(Boolean(digest?.byline))
    found.published.add(Boolean(digest?.publishedTime))
    found.standfirst.add(Boolean(digest?.standfirst))
  }
  const rows: Row[] = [
    ['pages', String(pages.length)],
    ['refused (not an article, paywall, bot check)', refused.toString()],
    ['crashed (threw anything else)', crashed.toString()],
    ['title found', found.title.toString()],
    ['byline found', found.byline.toString()],
    ['published time found', found.published.toString()],
    ['standfirst found', found.standfirst.toString()],
  ]
  const withExpected = pages.filter((p) => p.expected)
  if (withExpected.length > 0) rows.push(...matchMetadata(withExpected, digestOf))
  const withSnippets = pages.filter((p) => p.snippets)
  if (withSnippets.length > 0) rows.push(...matchSnippets(withSnippets, digestOf, note))
  for (const set of judgements) rows.push(...judge(pages, digestOf, set, note))
  return rows
}

function matchMetadata(pages: readonly Page[], digestOf: (page: Page) => Digest | undefined): Row[] {
  const title = new Count()
  const byline = new Count()
  const published = new Count()
  for (const page of pages) {
    const expected = page.expected as ExpectedMetadata
    const digest = digestOf(page)
    if (expected.title) title.add(titleMatches(digest, expected, page.url))
    if (expected.byline) byline.add(digest !== undefined && digest.byline === cleanByline(expected.byline))
    const theirs = instant(expected.publishedTime)
    if (theirs !== null) published.add(instant(digest?.publishedTime) === theirs)
  }
  return [
    ["title as Readability's (less the site/author tails we strip)", title.toString()],
    ["byline as Readability's, cleaned", byline.toString()],
    ["published time: Readability's instant", published.toString()],
  ]
}

function titleMatches(digest: Digest | undefined, expected: ExpectedMetadata, url: string): boolean {
  if (!digest || !expected.title) return false
  if (norm(digest.title) === norm(expected.title)) return true
  const stripped = stripAuthor(stripSiteName(expected.title, [expected.siteName, digest.siteName], url), digest.byline)
  return norm(digest.title) === norm(stripped)
}

function matchSnippets(
  pages: readonly Page[],
  digestOf: (page: Page) => Digest | undefined,
  note: (line: string) => void,
): Row[] {
  const text = { with: new Count(), without: new Count(), leakyPages: new Count() }
  const excerpt = { with: new Count(), without: new Count(), leakyPages: new Count() }
  // The same, less `without` snippets that are labels the article also names (see snippet-labels.ts).
  const leakedLabels = { without: new Count(), leakyPages: new Count() }
  for (const page of pages) {
    const snippets = page.snippets as { with: string[]; without: string[] }
    const digest = digestOf(page)
    const body = norm(digest?.text)
    const quoted = norm(digest?.excerpt.slice(0, EXCERPT_PARAGRAPHS).join('\n'))
    const inBody = (s: string) => body.includes(norm(s))
    const inExcerpt = (s: string) => quoted.includes(norm(s))
    for (const s of snippets.with) text.with.add(inBody(s))
    for (const s of snippets.without) text.without.add(inBody(s))
    text.leakyPages.add(snippets.without.some(inBody))
    excerpt.with.add(snippets.with.some(inExcerpt))
    for (const s of snippets.without) excerpt.without.add(inExcerpt(s))
    const leaked = snippets.without.filter(inExcerpt)
    excerpt.leakyPages.add(leaked.length > 0)
    const labels =
      leaked.length > 0
        ? labelsAlsoInArticle(page.html, leaked, digest?.excerpt.slice(0, EXCERPT_PARAGRAPHS) ?? [], norm)
        : []
    const real = leaked.filter((s) => !labels.includes(s))
    for (const s of snippets.without) leakedLabels.without.add(real.includes(s))
    leakedLabels.leakyPages.add(real.length > 0)
    const list = (found: string[]) => found.map((s) => JSON.stringify(s)).join(', ')
    if (real.length > 0) note(`excerpt leak: ${page.name} (${list(real)})`)
    if (labels.length > 0)
      note(`excerpt names a label the page also shows, not counted: ${page.name} (${list(labels)})`)
  }
  const f1 = (() => {
    const tp = text.with.hits
    const precision = tp / (tp + text.without.hits)
    const recall = tp / text.with.of
    return ((2 * precision * recall) / (precision + recall)).toFixed(3)
  })()
  return [
    ['text: `with` snippets found (recall)', text.with.toString()],
    ['text: `without` snippets leaked', text.without.toString()],
    ['text: pages with a `without` snippet', text.leakyPages.toString()],
    ['text: snippet F1 (trafilatura-style)', f1],
    ['excerpt: pages quoting a `with` snippet', excerpt.with.toString()],
    ['excerpt: `without` snippets leaked', excerpt.without.toString()],
    ['excerpt: pages with a `without` snippet', excerpt.leakyPages.toString()],
    ['excerpt: `without` snippets leaked, less labels the article also names', leakedLabels.without.toString()],
    ['excerpt: pages with a `without` snippet, less labels the article also names', leakedLabels.leakyPages.toString()],
  ]
}

async function loadJudgements(corpusName: string): Promise<JudgementSet[]> {
  const sets: JudgementSet[] = []
  for (const file of JUDGEMENTS[corpusName] ?? []) {
    const path = join(ROOT, 'bench', file)
    if (!existsSync(path)) continue
    const { cases } = JSON.parse(await readFile(path, 'utf8')) as { cases: Judgement[] }
    sets.push({ file, cases: new Map(cases.map((c) => [c.case, c])) })
  }
  return sets
}

function judge(
  pages: readonly Page[],
  digestOf: (page: Page) => Digest | undefined,
  { file, cases }: JudgementSet,
  note: (line: string) => void,
): Row[] {
  const lede = new Count()
  const clean = new Count()
  for (const page of pages) {
    const judgement = cases.get(page.name)
    if (!judgement) continue
    const excerpt = digestOf(page)?.excerpt.slice(0, EXCERPT_PARAGRAPHS) ?? []
    const first = norm(excerpt[0])
    if (judgement.lede.length > 0) {
      const hit = judgement.lede.some((opening) => first.startsWith(norm(opening)))
      lede.add(hit)
      if (!hit) note(`lede not first (${file}): ${page.name} (${JSON.stringify(first.slice(0, 60))})`)
    }
    const junk = judgement.mustNotContain.filter((s) => excerpt.some((p) => norm(p).includes(norm(s))))
    clean.add(junk.length === 0)
    if (junk.length > 0) note(`judged junk (${file}): ${page.name} (${junk.map((s) => JSON.stringify(s)).join(', ')})`)
  }
  return [
    [`judged (${file}): lede first`, lede.toString()],
    [`judged (${file}): excerpts without a non-article paragraph`, clean.toString()],
  ]
}
