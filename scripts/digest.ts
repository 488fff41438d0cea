/**
 * `npm run digest -- <url>`: what the digest of a link would be, without
 * posting it. Same settings, fetcher and extraction as the worker.
 * `npm run digest -- --file page.html --url <original url> [--json]` digests a
 * saved page offline.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../src/config.js'
import type { Digest } from '../src/extract/extract-digest.js'
import { createExtractPool } from '../src/extract/extract-pool.js'
import { DigestFailure } from '../src/digest/failure.js'
import { fetchPage, type FetchedPage } from '../src/fetch/fetch-page.js'
import { fetchUrlOf } from '../src/links/normalize.js'
import { parseWebUrl } from '../src/links/web-url.js'
import { canonicalOnSameSite } from '../src/links/canonical.js'
import { fetchOptionsFor } from '../src/digest/process-digest.js'

const USAGE = `Usage:
  npm run digest -- <url>                      fetch the page and print its digest
  npm run digest -- --file <page.html> --url <original url>
                                               digest a saved page, offline
Options:
  --json   print the digest as one JSON object
  --help   show this text
Settings (FETCH_*, EXCERPT_PARAGRAPHS, FETCH_ALLOW_HOSTS, ...) come from the environment, as for the worker.`

interface Args {
  url: string
  file: string | undefined
  json: boolean
}

class UsageError extends Error {}

function readArgs(argv: string[]): Args | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        url: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  const urls = [...positionals, ...(values.url === undefined ? [] : [values.url])]
  if (urls.length === 0) throw new UsageError('Give the URL of a page.')
  if (urls.length > 1) throw new UsageError('Give one URL only.')
  const url = urls[0]!
  if (parseWebUrl(url) === null) {
    throw new UsageError(
      values.file === undefined
        ? `"${url}" is not a web address; give a link starting with https://.`
        : 'With --file, --url must be the page’s original http(s) address.',
    )
  }
  return { url, file: values.file, json: values.json ?? false }
}

async function main(): Promise<number> {
  let args: Args | 'help'
  try {
    args = readArgs(process.argv.slice(2))
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    process.stderr.write(`${err.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }

  let saved: string | undefined
  if (args.file !== undefined) {
    try {
      // npm run moves to the package root; a relative path means where the command was typed.
      saved = await readFile(resolve(process.env.INIT_CWD ?? '.', args.file), 'utf8')
    } catch (err) {
      process.stderr.write(`Cannot read ${args.file}: ${(err as Error).message}\n`)
      return 2
    }
  }

  const config = loadConfig(process.env)
  const extractPool = createExtractPool({ threads: 1 })
  try {
    let page: FetchedPage
    let fetchMs: number | undefined
    if (saved === undefined) {
      process.stderr.write(`Fetching ${args.url} …\n`)
      const started = performance.now()
      // The URL the worker would fetch for this link.
      page = await fetchPage(fetchUrlOf(args.url), fetchOptionsFor(config))
      fetchMs = performance.now() - started
      process.stderr.write(`Fetched ${kilobytes(page.html)} in ${ms(fetchMs)}; extracting …\n`)
    } else {
      page = { url: args.url, redirects: [], status: 200, contentType: 'text/html', html: saved }
    }
    const started = performance.now()
    // The worker's call, in the worker's kind of thread.
    const digest = await extractPool.extract(page.html, page.url, {
      paragraphs: config.excerptParagraphs,
      maxChars: config.excerptMaxChars,
    })
    const extractMs = performance.now() - started

    if (args.json) process.stdout.write(`${JSON.stringify(jsonOf(digest))}\n`)
    else process.stdout.write(describe(digest, page, { fetchMs, extractMs }))
    return 0
  } catch (err) {
    if (err instanceof DigestFailure) {
      process.stderr.write(`${err.message} (${err.reason}${err.permanent ? '' : ', would be retried'})\n`)
      return 1
    }
    throw err
  } finally {
    await extractPool.close()
  }
}

/** A fixed shape for scripts that read --json, whatever else Digest grows. */
function jsonOf(d: Digest) {
  return {
    title: d.title,
    byline: d.byline,
    siteName: d.siteName,
    lang: d.lang,
    publishedTime: d.publishedTime,
    modifiedTime: d.modifiedTime,
    canonicalUrl: d.canonicalUrl,
    imageUrl: d.imageUrl,
    standfirst: d.standfirst,
    excerpt: d.excerpt,
    text: d.text,
  }
}

function describe(
  digest: Digest,
  page: FetchedPage,
  timings: { fetchMs: number | undefined; extractMs: number },
): string {
  const none = '—'
  const lines = [
    `headline   ${digest.title}`,
    `byline     ${digest.byline ?? none}`,
    `site       ${digest.siteName ?? none}`,
    `published  ${digest.publishedTime ?? none}`,
    `updated    ${digest.modifiedTime ?? none}`,
    // As the worker stores it: only a canonical URL on the fetched site counts.
    `canonical  ${canonicalOnSameSite(digest.canonicalUrl, page.url) ?? none}`,
    `language   ${digest.lang ?? none}`,
    `image      ${digest.imageUrl ?? none}`,
    `source     ${page.url}${page.redirects.length > 0 ? ` (redirected from ${page.redirects[0]})` : ''}`,
    `standfirst ${digest.standfirst ?? none}`,
    '',
    `excerpt (${digest.excerpt.length} paragraph${digest.excerpt.length === 1 ? '' : 's'}):`,
    ...digest.excerpt.flatMap((paragraph, i) => [`  ${i + 1}. ${paragraph}`, '']),
    [
      timings.fetchMs === undefined ? 'fetch skipped (--file)' : `fetch ${ms(timings.fetchMs)}`,
      `extract ${ms(timings.extractMs)} (in a worker thread, its start-up included)`,
      `article text ${digest.text.length} characters`,
    ].join(', '),
  ]
  return `${lines.join('\n')}\n`
}

const ms = (n: number) => `${Math.round(n)} ms`
const kilobytes = (html: string) => `${Math.round(Buffer.byteLength(html) / 1024)} KB`

main().then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(
      err instanceof ConfigError
        ? `Configuration error: ${err.message}\n`
        : `${String((err as Error)?.stack ?? err)}\n`,
    )
    process.exitCode = 1
  },
)
