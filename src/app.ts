import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import staticFiles from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { FrontDoor } from './front-door.js'
import { RequestLog } from './logger.js'
import type { AppConfig } from './config.js'
import { readSetting } from './db/settings.js'
import { toPublicError } from './routes/errors.js'
import { PUBLIC_DIR } from './paths.js'
import apiDocsPlugin from './plugins/api-docs.js'
import authPlugin from './plugins/auth.js'
import dbPlugin from './plugins/db.js'
import drainPlugin from './plugins/drain.js'
import pageCachePlugin from './plugins/page-cache.js'
import queuePlugin from './plugins/queue.js'
import rateLimitPlugin from './plugins/rate-limits.js'
import searchLimitsPlugin from './plugins/search-limits.js'
import threadEventsPlugin from './plugins/thread-events.js'
import viewPlugin from './plugins/view.js'
import metricsPlugin from './plugins/metrics.js'
import securityHeaders from './plugins/security-headers.js'
import adminQueueRoutes from './routes/admin-queues.js'
import apiRoutes from './routes/api/index.js'
import healthRoutes from './routes/health.js'
import pageRoutes from './routes/pages/index.js'

/** How long a shutting-down web process lets its requests in flight finish (well within the process's own limit). */
const DRAIN_LIMIT_MS = 10_000

/** The whole web app without listening: the server and the tests build it the same way. */
export async function buildApp(
  config: AppConfig,
  logger?: FastifyBaseLogger,
  /** Sees every route as it is added (the test that holds the API document to the routes). */
  onRoute?: (route: RouteOptions) => void,
): Promise<FastifyInstance> {
  const door = new FrontDoor(config.trustProxy)
  const app = Fastify({
    serverFactory: door.serverFactory,
    ...(logger ? { loggerInstance: logger } : { logger: { level: config.logLevel } }),
    logController: new RequestLog(),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // Unknown fields are an error (400), not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()
  if (onRoute) app.addHook('onRoute', onRoute)

  // Runs before the JSON and page error handlers: a fault that passes by itself says when to try again.
  app.addHook('onError', async (_request, reply, err) => {
    const wait = toPublicError(err).retryAfterSeconds
    if (wait !== undefined) reply.header('Retry-After', String(wait))
  })
  await app.register(drainPlugin, { limitMs: DRAIN_LIMIT_MS })
  await app.register(securityHeaders)
  await app.register(formbody)
  await app.register(dbPlugin, { databaseUrl: config.databaseUrl, schema: config.databaseSchema })
  const secret = config.sessionSecret ?? (await readSetting(app.pool, 'session_secret'))
  if (!secret) throw new Error('No session secret: set SESSION_SECRET or run the migrations.')
  await app.register(cookie, { secret })
  await app.register(staticFiles, { root: PUBLIC_DIR, prefix: '/static/', maxAge: '1d', immutable: false })
  await app.register(queuePlugin, {
    redisUrl: config.redisUrl,
    databaseUrl: config.databaseUrl,
    prefix: config.queuePrefix,
  })
  await app.register(threadEventsPlugin, { databaseUrl: config.databaseUrl, schema: config.databaseSchema })
  await app.register(authPlugin)
  await app.register(rateLimitPlugin, { settings: config, redisUrl: config.redisUrl, prefix: config.queuePrefix })
  await app.register(viewPlugin, { timeZone: config.timeZone })
  await app.register(pageCachePlugin, { maxBytes: config.pageCacheBytes, door })
  await app.register(searchLimitsPlugin, { concurrency: config.searchConcurrency })
  await app.register(metricsPlugin, { token: config.metricsToken, port: config.metricsPort, host: config.host })

  await app.register(healthRoutes)
  await app.register(adminQueueRoutes)

  // Before the routes: it learns them as they are added.
  await app.register(apiDocsPlugin, { publicUrl: config.publicUrl })
  await app.register(apiRoutes, { prefix: '/api', config })
  await app.register(pageRoutes, { config })
  return app
}
