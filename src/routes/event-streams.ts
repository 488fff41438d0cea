import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ServerResponse } from 'node:http'

export interface EventStream {
  res: ServerResponse
  /** Ends the stream (also when the reader leaves or the server closes). */
  finish: () => void
}

/**
 * Server-Sent Events streams of one route plugin. Each stream sends a keep-alive comment every
 * `heartbeatMs` (and calls `onHeartbeat`, to read again what a missed notice would have told), and
 * calls `onEnd` once when it ends. Open streams end when the server closes, or they would hold a
 * graceful shutdown open.
 */
export function eventStreams(app: FastifyInstance) {
  const open = new Set<() => void>()
  app.addHook('preClose', async () => {
    for (const finish of open) finish()
  })
  return (
    reply: FastifyReply,
    opts: { heartbeatMs: number; onHeartbeat: () => void; onEnd: () => void },
  ): EventStream => {
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    const heartbeat = setInterval(() => {
      res.write(': keep-alive\n\n')
      opts.onHeartbeat()
    }, opts.heartbeatMs)
    const finish = () => {
      if (!open.delete(finish)) return
      clearInterval(heartbeat)
      opts.onEnd()
      if (!res.writableEnded) res.end()
    }
    open.add(finish)
    // The response closes when the reader goes away (or once finish() has ended it).
    res.on('close', finish)
    return { res, finish }
  }
}
