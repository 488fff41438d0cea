import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify'
import { pino } from 'pino'
import { frontDoorAnswers, httpDuration } from './metrics/metrics.js'

/**
 * Answers a request before Fastify sees it: false at once when it cannot, else a promise of the
 * route pattern it answered for (its metrics label), or false to hand the request on untouched.
 */
export type EarlyAnswer = (req: IncomingMessage, res: ServerResponse) => false | Promise<string | false>

/** The options of Fastify's own that shape the server it would make (its defaults filled in). */
interface ServerOptions {
  keepAliveTimeout: number
  requestTimeout: number
  connectionTimeout: number
  maxRequestsPerSocket?: number | null
}

/** A request's line is written at info (as RequestLog writes it): the level's number in pino's table. */
const INFO = pino.levels.values.info!
/** Whether `log` writes lines of its `level` now (a level pino does not number, "silent", writes none). */
const writesInfo = (log: FastifyBaseLogger) => (pino.levels.values[log.level] ?? Infinity) <= INFO

/** A header as one text (Node gives headers it does not know as a list when they come more than once). */
const textOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(',') : value)

/** The last of a header's comma-separated values: the one the nearest proxy added (as Fastify reads it). */
const lastEntry = (value: string) => value.slice(value.lastIndexOf(',') + 1).trim()

/**
 * The web process's HTTP server, with a door in front of Fastify: a request the page cache can
 * answer as kept (plugins/page-cache.ts says which) is answered there, without Fastify's routing,
 * hooks and reply. On a kept page Fastify's machinery is most of the work, so the door is what
 * lets a page served from memory come near a bare route's speed. Every other request, and any the
 * door turns back, goes to Fastify as usual. What Fastify does for every answer is done here too:
 * the request's time is measured by route, and at `info` it is logged as RequestLog logs it.
 */
export class FrontDoor {
  private answer: EarlyAnswer | undefined
  private log: FastifyBaseLogger | undefined

  /** TRUST_PROXY, read as Fastify reads it (a proxy's X-Forwarded-* headers count). */
  constructor(private readonly trustProxy: boolean) {}

  /** For Fastify's `serverFactory`: the server Fastify would make, set up as it sets up its own. */
  readonly serverFactory: FastifyServerFactory<Server> = (handler, opts) => {
    const options = opts as unknown as ServerOptions
    const server = createServer((req, res) => {
      const started = performance.now()
      const early = this.answer?.(req, res)
      if (!early) return handler(req, res)
      early
        .then(
          (route) => (route === false ? handler(req, res) : this.answered(req, res, route, started)),
          () => handler(req, res),
        )
        // The answer is sent by then: a fault in measuring or logging it must not become an unhandled rejection.
        .catch((err: unknown) => this.log?.error({ err }, 'could not measure or log an answer of the front door'))
    })
    server.keepAliveTimeout = options.keepAliveTimeout
    server.requestTimeout = options.requestTimeout
    server.setTimeout(options.connectionTimeout)
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket
    return server
  }

  /** From now on, `answer` sees each request first; its answers are logged to `log`. */
  open(answer: EarlyAnswer, log: FastifyBaseLogger): void {
    this.answer = answer
    this.log = log
  }

  /** Every request goes to Fastify again (a closing server answers new requests 503 there). */
  close(): void {
    this.answer = undefined
  }

  /** Whether the request came over TLS, the client's or (with TRUST_PROXY) the proxy's: Fastify's `request.protocol`. */
  overTls(req: IncomingMessage): boolean {
    const proto = this.trustProxy ? textOf(req.headers['x-forwarded-proto']) : undefined
    if (proto) return lastEntry(proto) === 'https'
    return 'encrypted' in req.socket && req.socket.encrypted === true
  }

  private answered(req: IncomingMessage, res: ServerResponse, route: string, started: number) {
    const ms = performance.now() - started
    frontDoorAnswers.inc()
    httpDuration.observe({ route, method: req.method!, status: res.statusCode }, ms / 1000)
    // The line's fields are gathered only when it is written (LOG_LEVEL=info or lower).
    if (this.log && writesInfo(this.log)) {
      this.log.info({ req: this.asLogged(req), res, responseTime: ms }, 'request completed')
    }
  }

  /** What Fastify's log serializer reads of a request: its host and client address as Fastify works them out. */
  private asLogged(req: IncomingMessage) {
    const forwardedHost = this.trustProxy ? textOf(req.headers['x-forwarded-host']) : undefined
    const forwardedFor = this.trustProxy ? textOf(req.headers['x-forwarded-for']) : undefined
    return {
      method: req.method,
      url: req.url,
      headers: req.headers,
      host: forwardedHost ? lastEntry(forwardedHost) : req.headers.host,
      ip: forwardedFor ? forwardedFor.split(',')[0]!.trim() : req.socket.remoteAddress,
      socket: req.socket,
    }
  }
}
