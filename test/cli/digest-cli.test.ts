/**
 * `npm run digest` as a member of staff runs it: a child process, real
 * fetches, but only ever from a server on 127.0.0.1 started here.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { ROOT } from '../../src/paths.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

const SCRIPT = join(ROOT, 'scripts', 'digest.ts')
const EDITORIAL = join(ROOT, 'test', 'fixtures', 'pages', 'editorial.html')
const HEADLINE = 'The city can’t keep patching its bridges'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function runDigest(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SCRIPT, ...args],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

t.test('--file --json digests a saved page offline as one JSON object', async (t) => {
  const run = await runDigest([
    '--file',
    EDITORIAL,
    '--url',
    'https://www.riversideledger.example/opinion/bridges',
    '--json',
  ])
  t.equal(run.code, 0, run.stderr)
  const digest = JSON.parse(run.stdout) as Record<string, unknown>
  t.equal(digest.title, HEADLINE)
  t.equal((digest.excerpt as string[]).length, 4)
  t.same(Object.keys(digest).sort(), [
    'byline',
    'canonicalUrl',
    'excerpt',
    'imageUrl',
    'lang',
    'modifiedTime',
    'publishedTime',
    'siteName',
    'standfirst',
    'text',
    'title',
  ])
})

t.test('a URL: fetched like the worker fetches it, digest printed', async (t) => {
  const server = await startFixtureServer(t)
  const run = await runDigest([server.url('/editorial.html')], { FETCH_ALLOW_HOSTS: '127.0.0.1' })
  t.equal(run.code, 0, run.stderr)
  t.match(run.stdout, `headline   ${HEADLINE}`)
  t.match(run.stdout, /fetch \d+ ms, extract \d+ ms/)
  t.match(run.stderr, 'Fetching http://127.0.0.1:')
  t.equal(server.hits('/editorial.html'), 1)
})

t.test('a missing page: non-zero exit and the reason', async (t) => {
  const server = await startFixtureServer(t)
  const run = await runDigest([server.url('/missing.html')], { FETCH_ALLOW_HOSTS: '127.0.0.1' })
  t.not(run.code, 0)
  t.match(run.stderr, 'The page was not found (HTTP 404).')
  t.equal(run.stdout, '')
})

t.test('bad arguments: usage on stderr, exit 2', async (t) => {
  for (const args of [
    [],
    ['--nope'],
    ['https://a.example/', 'https://b.example/'],
    ['--file', EDITORIAL],
    ['--file', EDITORIAL, '--url', 'not a url'],
    ['ftp://example.com/story'],
  ]) {
    const run = await runDigest(args)
    t.equal(run.code, 2, `${JSON.stringify(args)}: exit 2`)
    t.match(run.stderr, 'Usage:', `${JSON.stringify(args)}: usage`)
    t.equal(run.stdout, '')
  }
})
