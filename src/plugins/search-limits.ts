import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Slots } from '../slots.js'
import { AppError } from '../errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Answers a search through `send` (the page cache, which calls `load` only when it holds no
     * answer): a search that runs is counted against the reader's limit (429), then waits for one
     * of the process's search slots (503 when none frees up soon). A kept answer costs nothing.
     */
    sendSearch<T>(
      request: FastifyRequest,
      send: (load: () => Promise<T>) => Promise<FastifyReply>,
      search: () => Promise<T>,
    ): Promise<FastifyReply>
  }
}

/** How long a search waits for a slot: several times a slow search's time, so a burst is served. */
const SLOT_WAIT_MS = 2000
const BUSY_RETRY_SECONDS = 2

const busy = () =>
  new AppError(
    503,
    'busy',
    'Too many searches are running just now; please try again in a few seconds.',
    BUSY_RETRY_SECONDS,
  )

const isRateLimited = (err: unknown) => err instanceof AppError && err.status === 429

/**
 * Searches that no cache holds are what a client can make Postgres do at will (a new word each
 * time): each reader may run a few a minute, and each web process runs a few at once, so a flood
 * of them, from one client or many, leaves the database connections to every other page.
 */
export default fp<{ concurrency: number }>(
  async (app, opts) => {
    const slots = new Slots(opts.concurrency, { ms: SLOT_WAIT_MS, refuse: busy })
    app.decorate(
      'sendSearch',
      async <T>(
        request: FastifyRequest,
        send: (load: () => Promise<T>) => Promise<FastifyReply>,
        search: () => Promise<T>,
      ) => {
        let ran = false
        const load = async () => {
          ran = true
          await app.limitRate(request, 'search')
          return slots.run(search)
        }
        try {
          return await send(load)
        } catch (err) {
          // Readers asking for a search being run wait for that run, and share its failure: one
          // refused for searching too often refuses nobody else, who then asks on their own account.
          if (ran || !isRateLimited(err)) throw err
          return send(load)
        }
      },
    )
  },
  { name: 'search-limits', dependencies: ['rate-limits', 'page-cache'] },
)
