import { EventEmitter } from 'node:events'
import fp from 'fastify-plugin'
import pg from 'pg'
import { CONNECT_TIMEOUT_MS } from '../db/pool.js'

export interface StatusChange {
  id: number
  status: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Digest status changes of threads, from any process (Postgres NOTIFY); returns the unsubscribe. */
    onThreadStatus(threadId: number, listener: (change: StatusChange) => void): () => void
    /**
     * Writes that change what pages show, from any process: the thread concerned, or null for
     * anything (a change that names no thread, or changes missed while the listener reconnected).
     */
    onPageChange(listener: (thread: number | null) => void): void
    /**
     * Resolves once every change committed before the call has reached onPageChange's listeners,
     * so a page kept from before is known to be current; calls at the same moment share one check.
     */
    pageChangesArrived(): Promise<void>
    /** A member's notifications changed, in any process (sql/024); returns the unsubscribe. */
    onMemberNotice(memberId: number, listener: () => void): () => void
    /**
     * A session of this member ended (logged out, revoked, its account deleted), in any process;
     * null when sessions may have ended unheard (the listener reconnected).
     */
    onSessionEnd(listener: (member: number | null) => void): void
  }
}

const STATUS_CHANNEL = 'thread_status'
/** Sent by triggers (sql/012-page-changes.sql). */
const PAGE_CHANNEL = 'page_change'
/** Sent by triggers (sql/024-notification-events.sql). */
const MEMBER_CHANNEL = 'member_notice'
/** Sent by triggers (sql/042-sessions-and-leaving.sql). */
const SESSION_CHANNEL = 'session_end'
/** A check that is not answered in this time (the listener is away) counts as everything changed. */
const ARRIVAL_LIMIT_MS = 2_000
/** Checks leave at most this often (see pageChangesArrived). */
const CHECK_GAP_MS = 2
/** Reconnecting waits this long, doubling after each failed try up to the maximum (a restarting Postgres). */
const RETRY_FIRST_MS = 250
const RETRY_MAX_MS = 30_000

/**
 * One LISTEN connection per web process fans status changes out to open
 * thread pages, and page changes to the page cache. When the connection is lost (Postgres restarted, the backend
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
    const pageListeners: ((thread: number | null) => void)[] = []
    const pageChanged = (thread: number | null) => {
      for (const listener of pageListeners) listener(thread)
    }
    const sessionListeners: ((member: number | null) => void)[] = []
    const sessionEnded = (member: number | null) => {
      for (const listener of sessionListeners) listener(member)
    }
    /** While no connection listened, or a notification did not come back, anything may have happened. */
    const missedAll = () => {
      pageChanged(null)
      sessionEnded(null)
    }
    const connect = async () => {
      const next = new pg.Client({
        connectionString: opts.databaseUrl,
        application_name: listenerName(opts.schema),
        // A connection attempt that hangs would hold off every later one.
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      })
      let gone = false
      // 'error' and 'end' both come for one lost connection; the first one counts.
      const lose = (err?: Error) => {
        if (gone) return
        gone = true
        next.end().catch(() => undefined)
        // A connection that never became the listener is retried by the attempt that made it.
        if (client !== next) return
        client = undefined
        missedAll()
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
        const change = JSON.parse(msg.payload) as {
          schema: string
          id: number
          status: string
          thread?: number | null
          member?: number
        }
        if (change.schema !== opts.schema) return
        if (msg.channel === MEMBER_CHANNEL) return void emitter.emit(`member ${change.member}`)
        if (msg.channel === SESSION_CHANNEL) return sessionEnded(change.member ?? null)
        if (msg.channel === STATUS_CHANNEL) emitter.emit(String(change.id), { id: change.id, status: change.status })
        else pageChanged(change.thread ?? null)
      })
      await next.connect()
      await next.query(
        `LISTEN ${STATUS_CHANNEL}; LISTEN ${PAGE_CHANNEL}; LISTEN ${MEMBER_CHANNEL}; LISTEN ${SESSION_CHANNEL}`,
      )
      if (gone) throw new Error('the connection closed while it started listening')
      // The app may have closed while this connection was being made.
      if (closing) await next.end()
      else {
        client = next
        // Whatever changed while no connection listened went unannounced.
        missedAll()
      }
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
    app.decorate('onMemberNotice', (memberId: number, listener: () => void) => {
      emitter.on(`member ${memberId}`, listener)
      return () => emitter.off(`member ${memberId}`, listener)
    })
    app.decorate('onPageChange', (listener: (thread: number | null) => void) => {
      pageListeners.push(listener)
    })
    app.decorate('onSessionEnd', (listener: (member: number | null) => void) => {
      sessionListeners.push(listener)
    })
    // A check is any statement on the listening connection. A transaction that NOTIFYs signals every
    // listening backend as it commits, before its own client hears that it committed; a backend
    // with a signal pending sends its client the notifications queued so far as it reads the next
    // statement, and again before it answers (postgres.c: ProcessClientReadInterrupt and the
    // ReadyForQuery step). So once a check sent now is answered, every change committed before it
    // has reached the 'notification' handler above. A NOTIFY of our own would say the same through
    // the queue's order, but each one is a transaction that wakes every listening backend in the
    // database (every web and worker process): about 200 µs of Postgres CPU against 30 µs for this.
    const checkReturns = async () => {
      let timer: NodeJS.Timeout | undefined
      try {
        await new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => reject(new Error('the change listener did not answer')), ARRIVAL_LIMIT_MS)
          if (!client) throw new Error('the change listener is not connected')
          client.query('SELECT 1').then(() => resolve(), reject)
        })
      } catch {
        missedAll()
      } finally {
        clearTimeout(timer)
      }
    }
    // A check serves every request that asked before it left: it leaves once the one in flight is
    // back, no sooner than CHECK_GAP_MS after the one before, and only after the event loop's
    // current turn, so every request already received asks first. Under load the gap bounds the
    // checks to a few hundred a second per web process, each serving the dozen or more requests
    // that came meanwhile. A request on a quiet server finds the gap long past and waits for
    // nothing but its own check.
    let inFlight: Promise<void> | undefined
    let next: Promise<void> | undefined
    let lastSentAt = -Infinity
    const send = () => {
      next = undefined
      lastSentAt = performance.now()
      inFlight = checkReturns().finally(() => (inFlight = undefined))
      return inFlight
    }
    const afterGap = () =>
      new Promise<void>((resolve) => {
        const wait = lastSentAt + CHECK_GAP_MS - performance.now()
        if (wait > 0) setTimeout(resolve, wait)
        else setImmediate(resolve)
      })
    const arrived = (): Promise<void> => (next ??= (inFlight ?? Promise.resolve()).then(afterGap).then(send))
    app.decorate('pageChangesArrived', arrived)
    app.addHook('onClose', async () => {
      closing = true
      clearTimeout(retry)
      await client?.end()
    })
  },
  { name: 'thread-events', dependencies: ['db'] },
)

/** The listener's application_name in pg_stat_activity (Postgres keeps its first 63 bytes). */
export const listenerName = (schema: string) => `broadsheet-listen ${schema}`
