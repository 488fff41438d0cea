import { EventEmitter } from 'node:events'
import fp from 'fastify-plugin'
import pg from 'pg'

export interface StatusChange {
  id: number
  status: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Digest status changes of threads, from any process (Postgres NOTIFY); returns the unsubscribe. */
    onThreadStatus(threadId: number, listener: (change: StatusChange) => void): () => void
  }
}

const CHANNEL = 'thread_status'
/** Reconnecting waits this long, doubling after each failed try up to the maximum (a restarting Postgres). */
const RETRY_FIRST_MS = 250
const RETRY_MAX_MS = 30_000

/**
 * One LISTEN connection per web process fans status changes out to open
 * thread pages. When the connection is lost (Postgres restarted, the backend
 * terminated) it reconnects with backoff; a change missed in that moment
 * reaches the page at its stream's next heartbeat, which reads the status
 * again. The connection is named after the schema, so an operator can tell
 * which app's listener it is.
 */
export default fp<{ databaseUrl: string; schema: string }>(
  async (app, opts) => {
    const emitter = new EventEmitter()
    emitter.setMaxListeners(0)
    let client: pg.Client | undefined
    let closing = false
    let retry: NodeJS.Timeout | undefined
    let failedTries = 0

    const connect = async () => {
      const next = new pg.Client({ connectionString: opts.databaseUrl, application_name: listenerName(opts.schema) })
      let gone = false
      // 'error' and 'end' both come for one lost connection; the first one counts.
      const lose = (err?: Error) => {
        if (gone) return
        gone = true
        next.end().catch(() => undefined)
        // A connection that never became the listener is retried by the attempt that made it.
        if (client !== next) return
        client = undefined
        if (closing) return
        // Expected when Postgres restarts: a warning, and the retries stay quiet until one works.
        app.log.warn(
          { reason: err?.message ?? 'the connection closed' },
          'thread status listener lost its database connection; reconnecting',
        )
        scheduleReconnect()
      }
      next.on('error', lose)
      next.on('end', () => lose())
      next.on('notification', (msg) => {
        if (!msg.payload) return
        const change = JSON.parse(msg.payload) as StatusChange & { schema: string }
        if (change.schema === opts.schema) emitter.emit(String(change.id), { id: change.id, status: change.status })
      })
      await next.connect()
      await next.query(`LISTEN ${CHANNEL}`)
      if (gone) throw new Error('the connection closed while it started listening')
      // The app may have closed while this connection was being made.
      if (closing) await next.end()
      else client = next
    }
    const scheduleReconnect = () => {
      if (closing || retry) return
      const delay = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** failedTries)
      retry = setTimeout(() => {
        retry = undefined
        connect().then(
          () => {
            if (client) app.log.info({ tries: failedTries + 1 }, 'thread status listener reconnected')
            failedTries = 0
          },
          (err: unknown) => {
            failedTries++
            app.log.debug({ err }, 'thread status listener could not reconnect yet')
            scheduleReconnect()
          },
        )
      }, delay)
    }

    await connect()
    app.decorate('onThreadStatus', (threadId: number, listener: (change: StatusChange) => void) => {
      emitter.on(String(threadId), listener)
      return () => emitter.off(String(threadId), listener)
    })
    app.addHook('onClose', async () => {
      closing = true
      clearTimeout(retry)
      await client?.end()
    })
  },
  { name: 'thread-events' },
)

/** The listener's application_name in pg_stat_activity (Postgres keeps its first 63 bytes). */
export const listenerName = (schema: string) => `broadsheet-listen ${schema}`
