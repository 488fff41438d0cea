import { createRequire } from 'node:module'
import { pino } from 'pino'
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify'
import type PinoPretty from 'pino-pretty'

/**
 * JSON lines for log collectors; readable lines when a person watches a terminal. Written
 * synchronously: asynchronous writes to a busy pipe could land out of order or be cut off at exit.
 */
export function createLogger(level: string, name: string): FastifyBaseLogger {
  if (!process.stdout.isTTY) return pino({ level, name }, pino.destination({ dest: 1, sync: true }))
  // Loaded only for a terminal: a server writing JSON never pays for it at start-up.
  const { PinoPretty: pretty } = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty
  const stream = pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    // A request is one short line on a terminal; the JSON logs keep every field.
    ignore: 'pid,hostname,ready,reqId,req,res,responseTime',
    messageFormat: (log, messageKey, _level, { colors }) => {
      const raw = log[messageKey]
      const message = typeof raw === 'string' ? raw : JSON.stringify(raw ?? '')
      if (log.ready) return colors.bold(colors.greenBright(`>>> ${message} <<<`))
      const { req, res, responseTime } = log as {
        req?: { method: string; url: string }
        res?: { statusCode: number }
        responseTime?: number
      }
      if (req && res) return `${req.method} ${req.url}: ${res.statusCode} in ${Math.round(responseTime ?? 0)} ms`
      if (req) return `${message}: ${req.method} ${req.url}`
      if (res) return `${message}: ${res.statusCode} in ${Math.round(responseTime ?? 0)} ms`
      return message
    },
  })
  return pino({ level, name }, stream)
}

/** The line a person starting Broadsheet waits for; it stands out in a terminal. */
export function logReady(log: FastifyBaseLogger, url: string): void {
  log.info({ ready: true }, `Broadsheet is ready: open ${url}`)
}

/**
 * One line per request, when it is answered (method, address, status, time), not Fastify's two: each
 * line is a synchronous write, and on a page served from memory the two cost about a seventh of the
 * throughput (against LOG_LEVEL=warn). A request that errs is logged at error level with its error,
 * as Fastify does.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return
    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}
