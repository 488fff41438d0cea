import { spawn } from 'node:child_process'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { once } from 'node:events'
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import t from 'tap'
import { parseAllowList } from '../../src/fetch/address-guard.js'
import { DigestFailure } from '../../src/digest/failure.js'
import { fetchPage, type FetchOptions, type TargetScreen } from '../../src/fetch/fetch-page.js'

const PAGE = '<!doctype html><html><head><title>Hello</title></head><body><p>Hello, reader.</p></body></html>'
const HTML = 'text/html; charset=utf-8'

// Every connection undici opens, to prove nothing outside loopback is ever dialled.
const dialled: string[] = []
subscribe('undici:client:beforeConnect', (message) => {
  dialled.push((message as { connectParams: { hostname: string } }).connectParams.hostname)
})

let lastHeaders: IncomingHttpHeaders = {}

const routes: Record<string, RequestListener> = {
  '/page': (_req, res) => res.writeHead(200, { 'content-type': HTML }).end(PAGE),
  '/never': () => undefined,
  '/xhtml': (_req, res) => res.writeHead(200, { 'content-type': 'application/xhtml+xml' }).end(PAGE),
  '/gzip': (_req, res) => res.writeHead(200, { 'content-type': HTML, 'content-encoding': 'gzip' }).end(gzipSync(PAGE)),
  '/brotli': (_req, res) =>
    res.writeHead(200, { 'content-type': HTML, 'content-encoding': 'br' }).end(brotliCompressSync(PAGE)),
  '/windows-1252': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset=windows-1252' })
      .end(Buffer.concat([Buffer.from('<p>caf'), Buffer.from([0xe9]), Buffer.from(' au lait</p>')])),
  '/shift-jis': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        Buffer.concat([
          Buffer.from('<html><head><meta charset="Shift_JIS"></head><body>'),
          Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]),
          Buffer.from('</body></html>'),
        ]),
      ),
  '/koi8-r': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        Buffer.concat([
          Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>'),
          Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]),
          Buffer.from('</p>'),
        ]),
      ),
  '/bom': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html; charset=windows-1252' })
      .end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>café</p>')])),
  '/unknown-charset': (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=x-no-such-thing' }).end('<p>café</p>'),
  '/zstd': (_req, res) => res.writeHead(200, { 'content-type': HTML, 'content-encoding': 'zstd' }).end('(zstd)'),
  '/gone': (_req, res) => res.writeHead(404, { 'content-type': HTML }).end('<p>No such page</p>'),
  '/forbidden': (_req, res) => res.writeHead(403, { 'content-type': HTML }).end('<p>Go away</p>'),
  '/busy': (_req, res) => res.writeHead(429, { 'content-type': HTML }).end('<p>Slow down</p>'),
  '/busy-for-a-minute': (_req, res) =>
    res.writeHead(429, { 'content-type': HTML, 'retry-after': '60' }).end('<p>Slow down</p>'),
  '/back-tomorrow': (_req, res) =>
    res.writeHead(503, { 'content-type': HTML, 'retry-after': '86400' }).end('<p>Closed</p>'),
  '/teapot': (_req, res) => res.writeHead(418, { 'content-type': HTML }).end('<p>Short and stout</p>'),
  '/unavailable': (_req, res) => res.writeHead(503, { 'content-type': HTML }).end('<p>Down for maintenance</p>'),
  '/pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
  '/big': (_req, res) => res.writeHead(200, { 'content-type': HTML }).end('x'.repeat(10_000)),
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': HTML })
    for (let i = 0; i < 10; i++) res.write('y'.repeat(1000))
    res.end()
  },
  '/big-gzip': (_req, res) =>
    res.writeHead(200, { 'content-type': HTML, 'content-encoding': 'gzip' }).end(gzipSync('z'.repeat(6 * 1024 * 1024))),
  '/slow': (_req, res) => {
    const timer = setTimeout(() => res.writeHead(200, { 'content-type': HTML }).end(PAGE), 2000)
    res.on('close', () => clearTimeout(timer))
  },
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': HTML })
    res.write('<p>first words')
    const timer = setInterval(() => res.write('.'), 100)
    res.on('close', () => clearInterval(timer))
  },
  '/to-slow': (_req, res) => res.writeHead(302, { location: '/slow' }).end(),
  '/chain/start': (_req, res) => res.writeHead(302, { location: 'middle' }).end(),
  '/chain/middle': (_req, res) => res.writeHead(301, { location: '/page' }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/to-private': (_req, res) => res.writeHead(302, { location: 'http://10.0.0.1/' }).end(),
  '/to-ftp': (_req, res) => res.writeHead(302, { location: 'ftp://127.0.0.1/file' }).end(),
}

function route(req: Parameters<RequestListener>[0], res: Parameters<RequestListener>[1]): void {
  lastHeaders = req.headers
  const path = req.url ?? '/'
  const hops = /^\/hops\/(\d+)$/.exec(path)
  if (hops) {
    const left = Number(hops[1])
    if (left === 0) res.writeHead(302, { location: '/page' }).end()
    else res.writeHead(302, { location: `/hops/${left - 1}` }).end()
    return
  }
  const handler = routes[path]
  if (handler) handler(req, res)
  else res.writeHead(404).end()
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

const server = createServer(route)
const port = await listen(server)
const base = `http://127.0.0.1:${port}`
t.teardown(() => {
  server.closeAllConnections()
  server.close()
})

const options: FetchOptions = {
  allowHosts: parseAllowList('127.0.0.1'),
  userAgent: 'Broadsheet/0.1 (+http://localhost:3000)',
  timeoutMs: 2000,
  maxBytes: 4096,
  maxRedirects: 5,
}

async function fetchFailure(url: string, overrides: Partial<FetchOptions> = {}): Promise<unknown> {
  return fetchPage(url, { ...options, ...overrides }).then(
    () => {
      throw new Error(`expected ${url} to fail`)
    },
    (error: unknown) => error,
  )
}

t.test('fetches an HTML page and sends only service headers', async (t) => {
  const page = await fetchPage(`${base}/page`, options)
  t.same(page, { url: `${base}/page`, redirects: [], status: 200, contentType: HTML, html: PAGE })
  t.match(lastHeaders, {
    'user-agent': 'Broadsheet/0.1 (+http://localhost:3000)',
    accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'en',
  })
  t.notOk('cookie' in lastHeaders)
  t.notOk('authorization' in lastHeaders)
})

t.test('decodes bodies', async (t) => {
  const cases: Array<[string, string]> = [
    ['/xhtml', PAGE],
    ['/gzip', PAGE],
    ['/brotli', PAGE],
    ['/windows-1252', '<p>café au lait</p>'],
    ['/shift-jis', '<html><head><meta charset="Shift_JIS"></head><body>日本語</body></html>'],
    ['/koi8-r', '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Привет</p>'],
    ['/bom', '<p>café</p>'],
    ['/unknown-charset', '<p>café</p>'],
  ]
  for (const [path, html] of cases) {
    t.equal((await fetchPage(`${base}${path}`, options)).html, html, path)
  }
})

t.test('follows a redirect chain with a relative Location', async (t) => {
  const page = await fetchPage(`${base}/chain/start`, options)
  t.equal(page.url, `${base}/page`)
  t.same(page.redirects, [`${base}/chain/start`, `${base}/chain/middle`])
  t.equal(page.html, PAGE)
  t.equal((await fetchPage(`${base}/hops/4`, options)).url, `${base}/page`, 'exactly maxRedirects hops')
})

t.test('the screen is asked before each address, and a refused one is never requested', async (t) => {
  const asked: string[] = []
  const refusal = new DigestFailure('blocked_site', 'The link redirected to a blocked site: no.', true)
  const screen: TargetScreen = async (url, redirected) => {
    asked.push(`${url.pathname}${redirected ? ' (redirected)' : ''}`)
    return url.pathname === '/chain/middle' ? refusal : undefined
  }
  const requested: string[] = []
  const listen = (message: unknown) => requested.push((message as { request: { path: string } }).request.path)
  subscribe('undici:request:create', listen)
  t.teardown(() => unsubscribe('undici:request:create', listen))
  t.equal(await fetchPage(`${base}/chain/start`, options, screen).catch((err: unknown) => err), refusal)
  t.same(asked, ['/chain/start', '/chain/middle (redirected)'])
  t.same(requested, ['/chain/start'], 'the refused address was not requested')

  const away = new Error('Connection terminated unexpectedly')
  const failing: TargetScreen = () => Promise.reject(away)
  t.equal(
    await fetchPage(`${base}/page`, options, failing).catch((err: unknown) => err),
    away,
    "the screen's own trouble is not taken for the site's",
  )
})

t.test('a localhost URL is checked by its resolved address', async (t) => {
  const page = await fetchPage(`http://localhost:${port}/page`, options)
  t.equal(page.html, PAGE)
  const byName = parseAllowList('localhost')
  t.equal((await fetchPage(`http://localhost:${port}/page`, { ...options, allowHosts: byName })).html, PAGE)
})

t.test('maps failures to reasons and plain words', async (t) => {
  type Expected = { reason: string; permanent: boolean; message: string; retryAfterMs?: number }
  const cases: Array<[string, string, Partial<FetchOptions>, Expected]> = [
    [
      'status 404',
      '/gone',
      {},
      { reason: 'not_found', permanent: true, message: 'The page was not found (HTTP 404).' },
    ],
    [
      'status 403',
      '/forbidden',
      {},
      { reason: 'refused', permanent: true, message: 'The site refused to give us the page (HTTP 403).' },
    ],
    [
      'status 429',
      '/busy',
      {},
      { reason: 'refused', permanent: false, message: 'The site asked us to wait before trying again (HTTP 429).' },
    ],
    [
      'status 429 with Retry-After',
      '/busy-for-a-minute',
      {},
      {
        reason: 'refused',
        permanent: false,
        message: 'The site asked us to wait 60 seconds before trying again (HTTP 429).',
      },
    ],
    [
      'status 418',
      '/teapot',
      {},
      { reason: 'http_error', permanent: true, message: 'The site did not give us the page (HTTP 418).' },
    ],
    [
      'status 503',
      '/unavailable',
      {},
      {
        reason: 'http_error',
        permanent: false,
        message: 'The site had a problem and could not give us the page (HTTP 503).',
      },
    ],
    [
      'status 503 with a Retry-After past the cap',
      '/back-tomorrow',
      {},
      {
        reason: 'http_error',
        permanent: false,
        message:
          'The site had a problem and could not give us the page (HTTP 503); it asked us to come back in 6 hours.',
        retryAfterMs: 6 * 3600_000,
      },
    ],
    [
      'PDF',
      '/pdf',
      {},
      { reason: 'not_html', permanent: true, message: 'The link is not a web page (it is application/pdf).' },
    ],
    [
      'Content-Length over the cap',
      '/big',
      {},
      { reason: 'too_large', permanent: true, message: 'The page is larger than 4 KB.' },
    ],
    [
      'streamed body over the cap',
      '/big-chunked',
      {},
      { reason: 'too_large', permanent: true, message: 'The page is larger than 4 KB.' },
    ],
    [
      'decompressed body over the cap',
      '/big-gzip',
      { maxBytes: 5 * 1024 * 1024 },
      { reason: 'too_large', permanent: true, message: 'The page is larger than 5 MB.' },
    ],
    [
      'decompressed body over a small cap',
      '/big-gzip',
      {},
      { reason: 'too_large', permanent: true, message: 'The page is larger than 4 KB.' },
    ],
    [
      'unsupported content encoding',
      '/zstd',
      {},
      { reason: 'http_error', permanent: true, message: 'The site sent the page in a format we cannot read (zstd).' },
    ],
    [
      'slow headers',
      '/slow',
      { timeoutMs: 300 },
      { reason: 'timeout', permanent: false, message: 'The site did not answer within 0.3 s.' },
    ],
    [
      'slow page after a redirect',
      '/to-slow',
      { timeoutMs: 300 },
      { reason: 'timeout', permanent: false, message: 'The site did not answer within 0.3 s.' },
    ],
    [
      'slow body, a little at a time',
      '/slow-body',
      { timeoutMs: 300, maxBytes: 1024 * 1024 },
      {
        reason: 'timeout',
        permanent: false,
        message: 'The site was too slow sending the page (not finished after 0.3 s).',
      },
    ],
    [
      'redirect loop',
      '/loop',
      {},
      { reason: 'too_many_redirects', permanent: true, message: 'The link keeps redirecting in a circle.' },
    ],
    [
      'too many redirects',
      '/hops/5',
      {},
      {
        reason: 'too_many_redirects',
        permanent: true,
        message: 'The link redirected too many times (more than 5).',
      },
    ],
    [
      'redirect to a private address',
      '/to-private',
      {},
      {
        reason: 'blocked_address',
        permanent: true,
        message: 'That address is private or reserved; we do not fetch it.',
      },
    ],
    [
      'redirect to ftp',
      '/to-ftp',
      {},
      { reason: 'invalid_url', permanent: true, message: 'The link must start with http:// or https://.' },
    ],
  ]
  for (const [name, path, overrides, expected] of cases) {
    t.match(await fetchFailure(`${base}${path}`, overrides), { name: 'DigestFailure', ...expected }, name)
  }
})

t.test('refuses addresses and URLs before connecting', async (t) => {
  const blocked = {
    name: 'DigestFailure',
    reason: 'blocked_address',
    permanent: true,
    message: 'That address is private or reserved; we do not fetch it.',
  }
  const noAllowList = { allowHosts: parseAllowList('') }
  const invalid = { name: 'DigestFailure', reason: 'invalid_url', permanent: true }
  const cases: Array<[string, string, Partial<FetchOptions>, object]> = [
    ['loopback without the allow list', `${base}/page`, noAllowList, blocked],
    ['localhost without the allow list', `http://localhost:${port}/page`, noAllowList, blocked],
    ['IPv4-mapped loopback', `http://[::ffff:127.0.0.1]:${port}/page`, noAllowList, blocked],
    ['private address', 'http://10.0.0.1/', {}, blocked],
    ['cloud metadata address', 'http://169.254.169.254/latest/meta-data/', {}, blocked],
    [
      'public address on a non-web port',
      'http://93.184.216.34:22/',
      {},
      {
        ...blocked,
        message: 'We only fetch pages from the usual web ports (80, 443, 8080, 8443), not port 22.',
      },
    ],
    ['ftp', 'ftp://127.0.0.1/file', {}, { ...invalid, message: 'The link must start with http:// or https://.' }],
    ['not a URL', 'news dot example', {}, { ...invalid, message: 'The link is not a valid web address.' }],
    [
      'credentials',
      `http://member:secret@127.0.0.1:${port}/page`,
      {},
      { ...invalid, message: 'Links with a user name or password in them are not accepted.' },
    ],
  ]
  for (const [name, url, overrides, expected] of cases) {
    t.match(await fetchFailure(url, overrides), expected, name)
  }
})

t.test('a refused connection is a transient network failure', async (t) => {
  const closed = createServer()
  const closedPort = await listen(closed)
  await new Promise((resolve) => closed.close(resolve))
  t.match(await fetchFailure(`http://127.0.0.1:${closedPort}/`), {
    name: 'DigestFailure',
    reason: 'network',
    permanent: false,
    message: 'We could not connect to the site.',
  })
})

t.test('the time limit covers connecting too', async (t) => {
  // A server that stops accepting: once its backlog is full, the kernel leaves new connections unanswered.
  const server = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         console.log(s.address().port)
         setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 50)
       })`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  t.teardown(() => server.kill('SIGKILL'))
  const [line] = (await once(server.stdout, 'data')) as [Buffer]
  const fullPort = Number(String(line))
  await new Promise((resolve) => setTimeout(resolve, 200))
  const fillers: Socket[] = []
  t.teardown(() => fillers.forEach((socket) => socket.destroy()))
  for (let connected = true; connected && fillers.length < 10;) {
    const socket = connect(fullPort, '127.0.0.1')
    fillers.push(socket)
    const timer = setTimeout(() => socket.emit('still-connecting'), 500)
    connected =
      (await Promise.race([once(socket, 'connect').then(() => true), once(socket, 'still-connecting')])) === true
    clearTimeout(timer)
  }
  const started = Date.now()
  t.match(await fetchFailure(`http://127.0.0.1:${fullPort}/page`, { timeoutMs: 300 }), {
    name: 'DigestFailure',
    reason: 'timeout',
    message: 'The site did not answer within 0.3 s.',
  })
  const took = Date.now() - started
  t.ok(took < 5000, `ended by the fetch's own limit, not the HTTP client's 10 s connect timeout (${took} ms)`)
})

t.test('a stop ends the fetch at once with its own reason, not a failure of the site', async (t) => {
  const stop = new AbortController()
  const started = Date.now()
  setTimeout(() => stop.abort('The worker is stopping.'), 100)
  // The page's headers never come: only the stop (or the 2 s limit) ends the fetch.
  const error = await fetchFailure(`${base}/never`, { stop: stop.signal })
  t.equal(error, 'The worker is stopping.', 'the stop’s reason')
  t.ok(Date.now() - started < 1000, 'at once, not at the time limit')
})

t.test('never dials anything outside loopback', async (t) => {
  t.ok(dialled.length > 0)
  t.same(
    dialled.filter((hostname) => hostname !== '127.0.0.1' && hostname !== 'localhost'),
    [],
  )
})
