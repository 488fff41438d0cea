import { readdir } from 'node:fs/promises'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { SQL_DIR } from '../paths.js'

/** A check that takes longer than this counts as failed: a probe must answer before its own timeout. */
const CHECK_LIMIT_MS = 2000

const Checks = Type.Object(
  { database: Type.String(), queue: Type.String(), migrations: Type.String() },
  { additionalProperties: false },
)

const within = <T>(ms: number, work: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms).unref(),
    ),
  ])

/** "ok", or what went wrong in a few words (an operator reads it; no secrets are in these errors). */
const settle = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === 'fulfilled' ? 'ok' : outcome.reason instanceof Error ? outcome.reason.message : 'failed'

/**
 * Probes ask every few seconds: their requests are logged from `warn` up, so an answer that is
 * fine writes nothing and one that is not (a 503, an error) still says so.
 */
const PROBE_LOG_LEVEL = 'warn'

/**
 * GET /healthz: the process is alive (nothing else is asked, so a busy database never gets a web
 * process restarted). GET /readyz: it can serve: Postgres answers, the queue's store answers, and
 * every migration this code ships with is applied; otherwise 503 naming what is not.
 */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const shipped = (await readdir(SQL_DIR)).filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))

  app.get(
    '/healthz',
    {
      logLevel: PROBE_LOG_LEVEL,
      schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }) } },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-store')
      return { status: 'ok' as const }
    },
  )

  app.get(
    '/readyz',
    {
      logLevel: PROBE_LOG_LEVEL,
      schema: {
        response: {
          200: Type.Object({ status: Type.Literal('ready'), checks: Checks }, { additionalProperties: false }),
          503: Type.Object(
            { error: Type.Literal('not_ready'), message: Type.String(), checks: Checks },
            { additionalProperties: false },
          ),
        },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store')
      const database = within(CHECK_LIMIT_MS, app.pool.query('SELECT 1'), 'Postgres')
      const down = app.queueUnavailable()
      const queue = down
        ? Promise.reject(new Error(down))
        : within(CHECK_LIMIT_MS, app.digestQueue.getJobCounts('waiting'), 'The queue')
      const migrations = within(
        CHECK_LIMIT_MS,
        app.pool
          .query<{ missing: string[] }>(
            `SELECT coalesce(array_agg(f.name ORDER BY f.name), '{}') AS missing
             FROM unnest($1::text[]) AS f(name)
             WHERE NOT EXISTS (SELECT 1 FROM schema_migrations m WHERE m.name = f.name)`,
            [shipped],
          )
          .then(({ rows }) => {
            const missing = rows[0]!.missing
            if (missing.length > 0) throw new Error(`Not applied: ${missing.join(', ')}`)
          }),
        'Postgres',
      )
      const [db, q, m] = await Promise.allSettled([database, queue, migrations])
      const checks = { database: settle(db), queue: settle(q), migrations: settle(m) }
      const failing = Object.entries(checks).filter(([, v]) => v !== 'ok')
      if (failing.length === 0) return { status: 'ready' as const, checks }
      const message = `Not ready: ${failing.map(([name]) => name).join(', ')}.`
      request.log.warn({ checks }, message)
      return reply
        .code(503)
        .header('Retry-After', '5')
        .send({ error: 'not_ready' as const, message, checks })
    },
  )
}

export default healthRoutes
