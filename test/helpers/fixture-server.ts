import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { ROOT } from '../../src/paths.js'
import type { Teardown } from './build-app.js'

export const PAGES_DIR = join(ROOT, 'test', 'fixtures', 'pages')

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * A real HTTP server on 127.0.0.1 serving test/fixtures/pages/<name>.html at
 * /<name>.html, plus any extra routes a test adds. Closed in teardown, open
 * connections and all (a route may leave one hanging on purpose). Another
 * loopback address as `host` (127.0.0.2…) makes it another site.
 */
export async function startFixtureServer(t: Teardown, routes: Record<string, Handler> = {}, host = '127.0.0.1') {
  const hits = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fixture').pathname
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const route = routes[path]
    if (route) return route(req, res)
    if (!/^\/[\w-]+\.html$/.test(path)) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>')
      return
    }
    readFile(join(PAGES_DIR, path)).then(
      (body) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body),
      () => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return {
    url: (path: string) => `http://${host}:${port}${path}`,
    hits: (path: string) => hits.get(path) ?? 0,
  }
}
