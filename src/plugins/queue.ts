import fp from 'fastify-plugin'
import type { Queue } from 'bullmq'
import { openQueueBackend, type QueueSettings } from '../queue/backend.js'
import { DIGEST_JOB_OPTIONS, DIGEST_QUEUE } from '../queue/jobs.js'

declare module 'fastify' {
  interface FastifyInstance {
    digestQueue: Queue
  }
}

export default fp<QueueSettings>(
  async (app, settings) => {
    const backend = openQueueBackend(settings)
    const queue = backend.createQueue(DIGEST_QUEUE, DIGEST_JOB_OPTIONS)
    queue.on('error', (err) => app.log.warn({ err }, 'digest queue lost its connection; it reconnects on its own'))
    app.decorate('digestQueue', queue)
    app.addHook('onClose', async () => {
      await queue.close()
      await backend.close()
    })
  },
  { name: 'queue' },
)
