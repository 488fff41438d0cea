import fp from 'fastify-plugin'
import type { Queue } from 'bullmq'
import { openQueueBackend, type QueueSettings } from '../queue/backend.js'
import { DIGEST_JOB_OPTIONS, DIGEST_QUEUE, JURY_JOB_OPTIONS, JURY_QUEUE } from '../queue/jobs.js'

declare module 'fastify' {
  interface FastifyInstance {
    digestQueue: Queue
    /** Juries' deadline timers. */
    juryQueue: Queue
    /** Why the queues cannot reach their store now, if that is known without asking it. */
    queueUnavailable(): string | undefined
  }
}

export default fp<QueueSettings>(
  async (app, settings) => {
    const backend = openQueueBackend(settings)
    const queue = backend.createQueue(DIGEST_QUEUE, DIGEST_JOB_OPTIONS)
    queue.on('error', (err) => app.log.warn({ err }, 'digest queue lost its connection; it reconnects on its own'))
    const juryQueue = backend.createQueue(JURY_QUEUE, JURY_JOB_OPTIONS)
    juryQueue.on('error', (err) => app.log.warn({ err }, 'jury queue lost its connection; it reconnects on its own'))
    app.decorate('digestQueue', queue)
    app.decorate('juryQueue', juryQueue)
    app.decorate('queueUnavailable', () => backend.unavailable())
    // A post in the first moments must not find the queue still connecting (which fails it at once).
    await backend.ready()
    backend.storeWarnings().then(
      (warnings) => warnings.forEach((warning) => app.log.warn(warning)),
      (err: unknown) => app.log.debug({ err }, 'could not ask the queue store about its settings'),
    )
    app.addHook('onClose', async () => {
      await queue.close()
      await juryQueue.close()
      await backend.close()
    })
  },
  { name: 'queue' },
)
