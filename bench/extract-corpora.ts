/**
 * The two shared corpora as one list of pages for bench:extract: Readability's
 * test pages (with the metadata Readability reports) and trafilatura's
 * evaluation pages (with hand-chosen `with`/`without` snippets). Every page
 * falls in the dev or the held-out half by a hash of its name, so rules are
 * written on one half and checked on the other.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { decodeHtml } from '../src/fetch/decode-body.js'

/** Readability's test harness gives every page this address. */
export const READABILITY_URL = 'http://fakehost/test/page.html'

export type Split = 'dev' | 'held-out'

export interface ExpectedMetadata {
  title: string | null
  byline: string | null
  siteName: string | null
  publishedTime: string | null
}

export interface Page {
  name: string
  url: string
  html: string
  split: Split
  /** Readability's own metadata for the page (Readability corpus only). */
  expected?: ExpectedMetadata
  /** Human-chosen snippets of main text and of boilerplate (trafilatura corpus only). */
  snippets?: { with: string[]; without: string[] }
}

export interface Corpus {
  name: string
  dir: string
  pages: Page[]
}

/** Half the pages by the first byte of a SHA-1 of the name: stable across machines and runs. */
export function splitOf(name: string): Split {
  return createHash('sha1').update(name).digest()[0]! % 2 === 0 ? 'dev' : 'held-out'
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const evaldata = join(dir, 'evaldata.json')
  const pages = existsSync(evaldata) ? await loadSnippetPages(dir, evaldata) : await loadReadabilityPages(dir)
  return { name: dir.split('/').filter(Boolean).at(-1) ?? dir, dir, pages }
}

async function loadReadabilityPages(dir: string): Promise<Page[]> {
  const names = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'source.html')))
    .sort()
  return Promise.all(
    names.map(async (name) => ({
      name,
      url: READABILITY_URL,
      html: await readFile(join(dir, name, 'source.html'), 'utf8'),
      split: splitOf(name),
      expected: JSON.parse(await readFile(join(dir, name, 'expected-metadata.json'), 'utf8')) as ExpectedMetadata,
    })),
  )
}

interface EvalEntry {
  file: string
  with: string[]
  without: string[]
}

async function loadSnippetPages(dir: string, evaldata: string): Promise<Page[]> {
  const entries = JSON.parse(await readFile(evaldata, 'utf8')) as Record<string, EvalEntry>
  const pages = await Promise.all(
    Object.entries(entries).map(async ([url, entry]) => ({
      name: entry.file,
      url,
      // Saved without their headers: decoded as the fetcher decodes a page served without a charset.
      html: decodeHtml(gunzipSync(await readFile(join(dir, 'html', `${entry.file}.gz`))), 'text/html'),
      split: splitOf(entry.file),
      snippets: { with: entry.with, without: entry.without },
    })),
  )
  return pages.sort((a, b) => a.name.localeCompare(b.name))
}
