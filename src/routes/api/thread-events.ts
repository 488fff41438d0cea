import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { findThreadStatus } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import { eventStreams } from '../event-streams.js'

const HEARTBEAT_MS = 10_000
const DONE = new Set(['ready', 'failed'])

/**
 * GET /api/threads/:id/events: Server-Sent Events with the thread's digest
 * status (`event: status`, data `{"id", "status"}`), first the current one,
 * then each change; the stream ends once the digest is ready or failed.
 */
const threadEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const openStream = eventStreams(app)

  app.get(
    '/threads/:id/events',
    {
      schema: {
        params: IdParams,
        response: {
          200: {
            description: 'A stream of `event: status` lines, data `{"id", "status"}`, until ready or failed.',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
          '4xx': ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const id = request.params.id
      const changes: string[] = []
      let push: ((status: string) => void) | undefined
      // Listen before reading, so a change between the read and the subscription is not lost.
      const unsubscribe = app.onThreadStatus(id, ({ status }) => (push ? push(status) : changes.push(status)))
      const status = await findThreadStatus(app.pool, id).catch((err: unknown) => {
        unsubscribe()
        throw err
      })
      if (!status) {
        unsubscribe()
        throw notFound('unknown_thread', `There is no thread ${id}.`)
      }

      let last: string = status
      // Each heartbeat also reads the status again: a change notified while this process's LISTEN
      // connection was reconnecting would otherwise never reach the page.
      const { res, finish } = openStream(reply, {
        heartbeatMs: HEARTBEAT_MS,
        onHeartbeat: () =>
          void findThreadStatus(app.pool, id).then(
            (now) => {
              if (now && now !== last && !res.writableEnded) push?.(now)
            },
            (err: unknown) => request.log.warn({ err }, 'could not re-read a thread status'),
          ),
        onEnd: unsubscribe,
      })
      push = (status) => {
        last = status
        res.write(`event: status\ndata: ${JSON.stringify({ id, status })}\n\n`)
        if (DONE.has(status)) finish()
      }
      push(status)
      for (const status of changes) if (!res.writableEnded) push(status)
    },
  )
}

export default threadEventRoutes
