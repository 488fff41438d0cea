import type { Server } from 'node:http'
import fp from 'fastify-plugin'
import { dbPoolConnections, httpDuration, queueJobs } from '../metrics/metrics.js'
import { METRICS_CONTENT_TYPE, mayReadMetrics, readMetrics, serveMetrics } from '../metrics/metrics-server.js'

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const

export interface MetricsSettings {
  token: string | undefined
  /** A listener of its own for /metrics (METRICS_PORT), on `host`. */
  port: number | undefined
  host: string
}

/**
 * Request times for every route, and /metrics: on the web port with METRICS_TOKEN as a Bearer
 * token (404 without a token set: never public by default), or on METRICS_PORT. Queue counts and
 * the pool's use are read when scraped, not kept up to date per request.
 */
export default fp<MetricsSettings>(
  async (app, settings) => {
    // One observe per answer: the route's pattern (a bounded set), method and status.
    // A callback hook: an async one would cost a promise per request.
    app.addHook('onResponse', (request, reply, done) => {
      httpDuration.observe(
        { route: request.routeOptions.url ?? 'unmatched', method: request.method, status: reply.statusCode },
        reply.elapsedTime / 1000,
      )
      done()
    })

    const refresh = async () => {
      const counts = await app.digestQueue.getJobCounts(...QUEUE_STATES)
      for (const state of QUEUE_STATES) queueJobs.set({ state }, counts[state] ?? 0)
      dbPoolConnections.set({ state: 'total' }, app.pool.totalCount)
      dbPoolConnections.set({ state: 'idle' }, app.pool.idleCount)
      dbPoolConnections.set({ state: 'waiting' }, app.pool.waitingCount)
    }

    app.get('/metrics', async (request, reply) => {
      if (settings.token === undefined) return reply.code(404).type('text/plain').send('Not found\n')
      if (!mayReadMetrics(request.headers.authorization, settings.token)) {
        return reply.code(401).header('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized\n')
      }
      return reply
        .header('Cache-Control', 'no-store')
        .type(METRICS_CONTENT_TYPE)
        .send(await readMetrics(refresh))
    })

    if (settings.port !== undefined) {
      let server: Server | undefined
      app.addHook('onReady', async () => {
        server = await serveMetrics({
          port: settings.port!,
          host: settings.host,
          token: settings.token,
          refresh,
          onError: (err) => app.log.error({ err }, 'could not read the metrics'),
        })
      })
      app.addHook('onClose', async () => {
        if (server) await new Promise((resolve) => server!.close(resolve))
      })
    }
  },
  { name: 'metrics', dependencies: ['db', 'queue'] },
)
