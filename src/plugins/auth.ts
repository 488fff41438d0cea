import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { UserRow } from '../db/users.js'
import { findMemberByToken } from '../services/members.js'
import { unauthorized } from '../errors.js'

export const SESSION_COOKIE = 'broadsheet_session'

declare module 'fastify' {
  interface FastifyRequest {
    member: UserRow | null
  }
  interface FastifyInstance {
    /** onRequest hook for /api: `Authorization: Bearer <token>` identifies the member when present. */
    readBearer(request: FastifyRequest): Promise<void>
    /** onRequest hook for pages: the signed session cookie identifies the member when present. */
    readSessionCookie(request: FastifyRequest, reply: FastifyReply): Promise<void>
  }
}

/** For handlers that need a member: throws 401 otherwise. */
export function requireMember(request: FastifyRequest): UserRow {
  if (!request.member) throw unauthorized()
  return request.member
}

export default fp(
  async (app) => {
    app.decorateRequest('member', null)

    app.decorate('readBearer', async (request: FastifyRequest) => {
      const header = request.headers.authorization
      if (header === undefined) return
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      const member = match?.[1] ? await findMemberByToken(app.pool, match[1], 'api') : undefined
      if (!member) throw unauthorized('The token is missing, expired or not valid; log in again for a new one.')
      request.member = member
    })

    app.decorate('readSessionCookie', async (request: FastifyRequest, reply: FastifyReply) => {
      const raw = request.cookies[SESSION_COOKIE]
      if (!raw) return
      const unsigned = request.unsignCookie(raw)
      const member =
        unsigned.valid && unsigned.value ? await findMemberByToken(app.pool, unsigned.value, 'web') : undefined
      if (member) request.member = member
      else reply.clearCookie(SESSION_COOKIE, { path: '/' })
    })
  },
  { name: 'auth', dependencies: ['db'] },
)
