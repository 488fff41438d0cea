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
const RECONNECT_MS = 1000

/**
 * One LISTEN connection per web process fans status changes out to open
 * thread pages. It reconnects if the connection drops; a change missed in
 * that moment reaches the page at its stream's next heartbeat, which reads
 * the status again (routes/api/thread-events.ts).
 */
export default fp<{ databaseUrl: string; schema: string }>(
  async (app, opts) => {
    const emitter = new EventEmitter()
    emitter.setMaxListeners(0)
    let client: pg.Client | undefined
    let closing = false
    let retry: NodeJS.Timeout | undefined

    const connect = async () => {
      const next = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'broadsheet-listen' })
      next.on('notification', (msg) => {
        if (!msg.payload) return
        const change = JSON.parse(msg.payload) as StatusChange & { schema: string }
        if (change.schema === opts.schema) emitter.emit(String(change.id), { id: change.id, status: change.status })
      })
      next.on('error', (err) => {
        app.log.warn({ err }, 'thread status listener lost its connection; reconnecting')
        next.end().catch(() => undefined)
        if (client === next) client = undefined
        scheduleReconnect()
      })
      await next.connect()
      await next.query(`LISTEN ${CHANNEL}`)
      // The app may have closed while this connection was being made.
      if (closing) await next.end()
      else client = next
    }
    const scheduleReconnect = () => {
      if (closing || retry) return
      retry = setTimeout(() => {
        retry = undefined
        connect().catch((err: unknown) => {
          app.log.warn({ err }, 'thread status listener could not reconnect')
          scheduleReconnect()
        })
      }, RECONNECT_MS)
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
