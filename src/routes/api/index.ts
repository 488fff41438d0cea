import { juryRulesOf } from '../../services/juries.js'
import type { FastifyPluginAsync, RouteOptions } from 'fastify'
import { Type } from 'typebox'
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
import moderationRoutes from './moderation.js'
import roleRoutes from './roles.js'
import domainRuleRoutes from './domain-rules.js'
import searchRoutes from './search.js'
import juryRoutes from './juries.js'
import oembedRoutes from './oembed.js'

const failure = (description: string) =>
  Type.Object({ error: Type.String(), message: Type.String() }, { additionalProperties: false, description })
const REFUSED = failure('Refused: `error` is a stable code, `message` says why in plain words.')
const FAILED = failure('Our fault, or the database away (503 `unavailable` with Retry-After).')

/** Sections of the document where a route's first path segment is not the section's name. */
const GROUPS: Record<string, string> = { register: 'members', login: 'members', me: 'members', links: 'threads' }

/**
 * Every JSON route answers its failures as `{error, message}`: said once here for the OpenAPI
 * document (and the serializer), with the route's group as its tag, which puts it in that document.
 */
function describeRoute(route: RouteOptions) {
  const schema = route.schema ?? {}
  const first = route.url.replace(/^\/api\//, '').split('/')[0] ?? 'api'
  const group = GROUPS[first] ?? first
  route.schema = {
    ...schema,
    tags: schema.tags ?? [group],
    response: { '4xx': REFUSED, '5xx': FAILED, ...(schema.response as object | undefined) },
  }
}

/** JSON API: Bearer tokens, `{error, message}` for every failure. */
const api: FastifyPluginAsync<{ config: AppConfig }> = async (app, { config }) => {
  app.addHook('onRequest', app.readBearer)
  app.addHook('onRoute', describeRoute)

  app.setErrorHandler((err, request, reply) => {
    const pub = toPublicError(err)
    if (!pub.expected) request.log.error({ err }, 'request failed')
    return reply.status(pub.status).send({ error: pub.code, message: pub.message })
  })

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not_found', message: `No API route ${request.method} ${request.url}.` }),
  )

  await app.register(memberRoutes, { newMemberDays: config.newMemberDays })
  await app.register(forumRoutes)
  await app.register(threadRoutes, { config })
  await app.register(replyRoutes)
  await app.register(threadEventRoutes)
  await app.register(recRoutes)
  await app.register(notificationRoutes)
  await app.register(domainRuleRoutes)
  await app.register(searchRoutes)
  await app.register(juryRoutes, { config })
  await app.register(threadCareRoutes, { duplicateWindowDays: config.duplicateWindowDays })
  await app.register(moderationRoutes, { draw: juryRulesOf(config) })
  await app.register(roleRoutes)
  await app.register(oembedRoutes, { publicUrl: config.publicUrl })
}

export default api
