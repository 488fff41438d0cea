import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Answers a search through `send` (the page cache, which calls `load` only when it holds no
     * answer): a search that runs is counted against the reader's limit (429). A kept answer
     * costs nothing.
     */
    sendSearch<T>(
      request: FastifyRequest,
      send: (load: () => Promise<T>) => Promise<FastifyReply>,
      search: () => Promise<T>,
    ): Promise<FastifyReply>
  }
}

const isRateLimited = (err: unknown) => err instanceof AppError && err.status === 429

/**
 * Searches that no cache holds are what a client can make Postgres do at will (a new word each
 * time): each reader may run a few a minute.
 */
export default fp(
  async (app) => {
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
          return search()
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
