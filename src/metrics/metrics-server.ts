import { timingSafeEqual } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { metricsRegistry } from './metrics.js'

/**
 * Whether an Authorization header carries the metrics token. With no token set, only a listener
 * of its own (METRICS_PORT, WORKER_METRICS_PORT, on a network the operator keeps private) serves
 * /metrics, and it lets any request in.
 */
export function mayReadMetrics(authorization: string | undefined, token: string | undefined): boolean {
  if (token === undefined) return true
  const sent = Buffer.from(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '')
  const wanted = Buffer.from(token)
  return sent.length === wanted.length && timingSafeEqual(sent, wanted)
}

/** The metrics text, after `refresh` has set what is read only when asked for (queue counts). */
export async function readMetrics(refresh?: () => Promise<void>): Promise<string> {
  await refresh?.()
  return metricsRegistry.metrics()
}

export const METRICS_CONTENT_TYPE = metricsRegistry.contentType

/**
 * A small listener of its own: GET /metrics (token checked when METRICS_TOKEN is set) and GET
 * /healthz (always open: the container's health check). The worker has no web server, and the
 * web process can keep its metrics off the public port with it.
 */
export async function serveMetrics(options: {
  port: number
  host: string
  token: string | undefined
  refresh?: () => Promise<void>
  onError(err: unknown): void
}): Promise<Server> {
  const server = createServer((request, response) => {
    const path = request.url?.split('?')[0]
    if (request.method !== 'GET' || (path !== '/metrics' && path !== '/healthz')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n')
      return
    }
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
      return
    }
    if (!mayReadMetrics(request.headers.authorization, options.token)) {
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('Unauthorized\n')
      return
    }
    readMetrics(options.refresh).then(
      (text) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
      (err: unknown) => {
        options.onError(err)
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Could not read the metrics\n')
      },
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return server
}
