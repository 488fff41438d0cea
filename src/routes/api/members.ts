import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listIgnored } from '../../db/ignores.js'
import { findProfile } from '../../db/users.js'
import { ignoreMember } from '../../services/ignores.js'
import { notFound } from '../../errors.js'
import { BIO_MAX, PASSWORD_MAX, USERNAME_MAX } from '../../limits.js'
import { requireMember } from '../../plugins/auth.js'
import { authenticateMember, changePassword, openSession, registerMember, updateBio } from '../../services/members.js'
import { presentProfile } from '../../views/present-member.js'
import { ErrorBody } from '../../schemas/common.js'
import { Credentials, OpenSession, Profile, Session } from '../../schemas/members.js'
import { listMemberSessions, revokeSession } from '../../services/sessions.js'
import { deleteAccount } from '../../services/leaving.js'
import { setStarMember } from '../../services/stars.js'
import { IdParams } from '../../schemas/common.js'

const memberRoutes: FastifyPluginAsyncTypebox<{ newMemberDays: number }> = async (app, { newMemberDays }) => {
  app.post(
    '/register',
    { schema: { body: Credentials, response: { 201: Session, '4xx': ErrorBody } } },
    async (request, reply) => {
      await app.limitRate(request, 'register')
      const user = await registerMember(app.pool, request.body.username, request.body.password)
      const token = await openSession(app.pool, user.id, 'api')
      return reply.status(201).send({ user: { id: user.id, username: user.username }, token })
    },
  )

  app.post(
    '/login',
    { schema: { body: Credentials, response: { 200: Session, '4xx': ErrorBody } } },
    async (request) => {
      await app.limitRate(request, 'login')
      const user = await authenticateMember(app.pool, request.body.username, request.body.password)
      const token = await openSession(app.pool, user.id, 'api')
      return { user: { id: user.id, username: user.username }, token }
    },
  )

  const loadProfile = async (username: string) => {
    const profile = await findProfile(app.pool, username)
    if (!profile) throw notFound('unknown_member', `There is no member called "${username}".`)
    return presentProfile(profile, newMemberDays)
  }

  app.get(
    '/members/:username',
    {
      schema: {
        params: Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) }),
        response: { 200: Type.Object({ member: Profile }), '4xx': ErrorBody },
      },
    },
    async (request) => ({ member: await loadProfile(request.params.username) }),
  )

  // Admins give the Star member badge (a supporter of the site) and take it back.
  for (const [method, star] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route({
      method,
      url: '/members/:username/star',
      schema: {
        params: Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) }),
        response: { 200: Type.Object({ member: Profile, changed: Type.Boolean() }), '4xx': ErrorBody },
      },
      handler: async (request) => {
        const done = await setStarMember(app.pool, requireMember(request), request.params.username, star)
        return { member: await loadProfile(done.member.username), changed: done.changed }
      },
    })

  app.patch(
    '/me',
    {
      schema: {
        body: Type.Object({ bio: Type.String({ maxLength: BIO_MAX }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ member: Profile }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      const member = requireMember(request)
      await updateBio(app.pool, member.id, request.body.bio)
      return { member: await loadProfile(member.username) }
    },
  )

  app.put(
    '/me/password',
    {
      schema: {
        body: Type.Object(
          {
            currentPassword: Type.String({ maxLength: PASSWORD_MAX }),
            newPassword: Type.String({ maxLength: PASSWORD_MAX }),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const member = requireMember(request)
      await changePassword(app.pool, member.id, request.body.currentPassword, request.body.newPassword)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/me/sessions',
    { schema: { response: { 200: Type.Object({ sessions: Type.Array(OpenSession) }), '4xx': ErrorBody } } },
    async (request) => {
      const member = requireMember(request)
      return { sessions: await listMemberSessions(app.pool, member, request.sessionId) }
    },
  )

  app.delete(
    '/me/sessions/:id',
    { schema: { params: IdParams, response: { 204: Type.Null(), '4xx': ErrorBody } } },
    async (request, reply) => {
      const member = requireMember(request)
      await revokeSession(app.pool, member, request.params.id)
      // This process forgets at once; the others when the session_end notice reaches them.
      app.forgetMember(member.id)
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/me',
    {
      schema: {
        body: Type.Object({ password: Type.String({ maxLength: PASSWORD_MAX }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), '4xx': ErrorBody },
      },
    },
    async (request, reply) => {
      const member = requireMember(request)
      await deleteAccount(app.pool, member, request.body.password)
      app.forgetMember(member.id)
      return reply.status(204).send(null)
    },
  )

  const Ignored = Type.Object({ ignored: Type.Array(Type.String()) }, { additionalProperties: false })
  app.get('/me/ignores', { schema: { response: { 200: Ignored, '4xx': ErrorBody } } }, async (request) => {
    const member = requireMember(request)
    return { ignored: await listIgnored(app.pool, member.id) }
  })
  const ignoreSchema = {
    params: Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) }),
    response: { 200: Ignored, '4xx': ErrorBody },
  }
  for (const [method, ignored] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route({
      method,
      url: '/me/ignores/:username',
      schema: ignoreSchema,
      handler: async (request) => {
        const member = requireMember(request)
        await ignoreMember(app.pool, member, request.params.username, ignored)
        return { ignored: await listIgnored(app.pool, member.id) }
      },
    })
}

export default memberRoutes
