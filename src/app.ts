import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import rateLimit from '@fastify/rate-limit'
import staticFiles from '@fastify/static'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppConfig } from './config.js'
import { readSetting } from './db/settings.js'
import { tooManyAttempts } from './routes/auth-limit.js'
import { toPublicError } from './routes/errors.js'
import { PUBLIC_DIR } from './paths.js'
import authPlugin from './plugins/auth.js'
import dbPlugin from './plugins/db.js'
import pageCachePlugin from './plugins/page-cache.js'
import queuePlugin from './plugins/queue.js'
import threadEventsPlugin from './plugins/thread-events.js'
import viewPlugin from './plugins/view.js'
import metricsPlugin from './plugins/metrics.js'
import securityHeaders from './plugins/security-headers.js'
import adminQueueRoutes from './routes/admin-queues.js'
import apiRoutes from './routes/api/index.js'
import healthRoutes from './routes/health.js'
import pageRoutes from './routes/pages/index.js'

/** The whole web app without listening: the server and the tests build it the same way. */
export async function buildApp(config: AppConfig, logger?: FastifyBaseLogger): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: { level: config.logLevel } }),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // Unknown fields are an error (400), not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Runs before the JSON and page error handlers: a fault that passes by itself says when to try again.
  app.addHook('onError', async (_request, reply, err) => {
    const wait = toPublicError(err).retryAfterSeconds
    if (wait !== undefined) reply.header('Retry-After', String(wait))
  })
  await app.register(securityHeaders)
  await app.register(formbody)
  // Off by default; the log-in and registration routes opt in (routes/auth-limit.ts).
  await app.register(rateLimit, { global: false, errorResponseBuilder: tooManyAttempts })
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
  await app.register(viewPlugin, { timeZone: config.timeZone })
  await app.register(pageCachePlugin, { maxBytes: config.pageCacheBytes })
  await app.register(metricsPlugin, { token: config.metricsToken, port: config.metricsPort, host: config.host })

  await app.register(healthRoutes)
  await app.register(adminQueueRoutes)

  await app.register(apiRoutes, { prefix: '/api', config })
  await app.register(pageRoutes, { config })
  return app
}
