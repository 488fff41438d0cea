import { setTimeout as sleep } from 'node:timers/promises'
import fp from 'fastify-plugin'
import type pg from 'pg'
import { createPool } from '../db/pool.js'

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool
  }
}

/** How long a closing app waits for queries still running before the pool ends regardless. */
const QUERIES_DRAIN_LIMIT_MS = 10_000

/**
 * Resolves once no query holds or waits for a client. A request whose reader hung up leaves no
 * connection for the server's close to wait for, while its handler still runs its queries; ending
 * the pool under it would fail its next query ("Cannot use a pool after calling end").
 */
async function untilQueriesDone(pool: pg.Pool, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs
  while ((pool.totalCount > pool.idleCount || pool.waitingCount > 0) && Date.now() < deadline) await sleep(10)
}

export default fp<{ databaseUrl: string; schema: string }>(
  async (app, opts) => {
    const pool = createPool(opts.databaseUrl, opts.schema, app.log)
    app.decorate('pool', pool)
    app.addHook('onClose', async () => {
      await untilQueriesDone(pool, QUERIES_DRAIN_LIMIT_MS)
      await pool.end()
    })
  },
  { name: 'db' },
)
