import fp from 'fastify-plugin'
import type pg from 'pg'
import { createPool } from '../db/pool.js'

declare module 'fastify' {
  interface FastifyInstance {
    pool: pg.Pool
  }
}

export default fp<{ databaseUrl: string; schema: string }>(
  async (app, opts) => {
    const pool = createPool(opts.databaseUrl, opts.schema, app.log)
    app.decorate('pool', pool)
    app.addHook('onClose', () => pool.end())
  },
  { name: 'db' },
)
