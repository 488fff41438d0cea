import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { RateLimiter, type LimitedAction, type RateLimitSettings } from '../abuse/rate-limiter.js'
import { openRateStore } from '../abuse/rate-store.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Counts an action of the request's member (if any) and address, and throws a 429 AppError
     * (code `rate_limited`, with Retry-After) when either did it too often. Call it before acting.
     */
    limitRate(request: FastifyRequest, action: LimitedAction): Promise<void>
  }
}

export default fp<{ settings: RateLimitSettings; redisUrl: string | undefined; prefix: string }>(
  async (app, opts) => {
    const store = openRateStore({ redisUrl: opts.redisUrl, prefix: opts.prefix, pool: app.pool })
    const limiter = new RateLimiter(store, opts.settings, (err) =>
      app.log.warn({ err }, 'the rate-limit store did not answer; this request was not counted'),
    )
    app.decorate('limitRate', (request: FastifyRequest, action: LimitedAction) =>
      limiter.check(action, { member: request.member, address: request.ip }),
    )
    app.addHook('onClose', () => store.close())
    await store.ready()
  },
  { name: 'rate-limits', dependencies: ['db', 'auth'] },
)
