import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { authenticateMember, openSession, registerMember } from '../../services/members.js'
import { ErrorBody } from '../../schemas/common.js'
import { authRateLimit } from '../auth-limit.js'
import { Credentials, Session } from '../../schemas/members.js'

const memberRoutes: FastifyPluginAsyncTypebox<{ authAttemptsPerMinute: number }> = async (
  app,
  { authAttemptsPerMinute },
) => {
  const config = authRateLimit(authAttemptsPerMinute)
  app.post(
    '/register',
    { config, schema: { body: Credentials, response: { 201: Session, '4xx': ErrorBody } } },
    async (request, reply) => {
      const user = await registerMember(app.pool, request.body.username, request.body.password)
      const token = await openSession(app.pool, user.id, 'api')
      return reply.status(201).send({ user: { id: user.id, username: user.username }, token })
    },
  )

  app.post(
    '/login',
    { config, schema: { body: Credentials, response: { 200: Session, '4xx': ErrorBody } } },
    async (request) => {
      const user = await authenticateMember(app.pool, request.body.username, request.body.password)
      const token = await openSession(app.pool, user.id, 'api')
      return { user: { id: user.id, username: user.username }, token }
    },
  )
}

export default memberRoutes
