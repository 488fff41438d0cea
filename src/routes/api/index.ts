import type { FastifyPluginAsync } from 'fastify'
import type { AppConfig } from '../../config.js'
import { toPublicError } from '../errors.js'
import forumRoutes from './forums.js'
import memberRoutes from './members.js'
import replyRoutes from './replies.js'
import threadCareRoutes from './thread-care.js'
import threadEventRoutes from './thread-events.js'
import threadRoutes from './threads.js'
import recRoutes from './recs.js'
import notificationRoutes from './notifications.js'
import searchRoutes from './search.js'

/** JSON API: Bearer tokens, `{error, message}` for every failure. */
const api: FastifyPluginAsync<{ config: AppConfig }> = async (app, { config }) => {
  app.addHook('onRequest', app.readBearer)

  app.setErrorHandler((err, request, reply) => {
    const pub = toPublicError(err)
    if (!pub.expected) request.log.error({ err }, 'request failed')
    return reply.status(pub.status).send({ error: pub.code, message: pub.message })
  })

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not_found', message: `No API route ${request.method} ${request.url}.` }),
  )

  await app.register(memberRoutes, { authAttemptsPerMinute: config.authAttemptsPerMinute })
  await app.register(forumRoutes)
  await app.register(threadRoutes, { config })
  await app.register(replyRoutes)
  await app.register(threadEventRoutes)
  await app.register(recRoutes)
  await app.register(notificationRoutes)
  await app.register(searchRoutes)
  await app.register(threadCareRoutes, { duplicateWindowDays: config.duplicateWindowDays })
}

export default api
