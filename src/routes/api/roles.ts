import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listForums } from '../../db/forums.js'
import { listHosts, listStaff } from '../../db/roles.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody } from '../../schemas/common.js'
import { HostParams, Roles, StaffChange, UsernameParams } from '../../schemas/moderation.js'
import { setForumHost, setMemberRole } from '../../services/roles.js'

/** Admins name moderators (site-wide) and hosts (of one forum); anyone may read who they are. */
const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const changed = { 200: StaffChange, '4xx': ErrorBody }

  app.get('/roles', { schema: { response: { 200: Roles } } }, async () => {
    const [staff, hosts, forums] = await Promise.all([listStaff(app.pool), listHosts(app.pool), listForums(app.pool)])
    const slugs = new Map(forums.map((f) => [f.id, f.slug]))
    return {
      staff: staff.map((s) => ({ username: s.username, role: s.role })),
      hosts: hosts.map((h) => ({ forum: slugs.get(h.forumId)!, username: h.username })),
    }
  })

  for (const [method, role] of [
    ['PUT', 'moderator'],
    ['DELETE', 'member'],
  ] as const)
    app.route({
      method,
      url: '/moderators/:username',
      schema: { params: UsernameParams, response: changed },
      handler: async (request) => {
        const done = await setMemberRole(app.pool, requireMember(request), request.params.username, role)
        app.forgetMember(done.member.id)
        return { member: { username: done.member.username, role: done.member.role }, changed: done.changed }
      },
    })

  for (const [method, hosting] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route({
      method,
      url: '/forums/:slug/hosts/:username',
      schema: { params: HostParams, response: changed },
      handler: async (request) => {
        const done = await setForumHost(
          app.pool,
          requireMember(request),
          request.params.slug,
          request.params.username,
          hosting,
        )
        app.forgetMember(done.member.id)
        return { member: { username: done.member.username, role: done.member.role }, changed: done.changed }
      },
    })
}

export default roleRoutes
