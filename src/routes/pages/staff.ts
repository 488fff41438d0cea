import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { listForums } from '../../db/forums.js'
import { findMemberByName, findSuspension, listHosts, listStaff } from '../../db/roles.js'
import { AppError, notFound } from '../../errors.js'
import { USERNAME_MAX } from '../../limits.js'
import { requireMember } from '../../plugins/auth.js'
import { RolesForm, SuspensionForm } from '../../schemas/forms.js'
import { isAdmin, isModerator } from '../../services/permissions.js'
import type { DrawRules } from '../../db/juries.js'
import { setForumHost, setMemberRole, suspendMember, unsuspendMember } from '../../services/roles.js'
import { formRefusal, renderPage, typed } from './render.js'

const UsernameParams = Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) })
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) })

/** Lengths a moderator picks from (hours). */
const SUSPENSION_CHOICES = [
  { hours: 24, label: 'a day' },
  { hours: 72, label: 'three days' },
  { hours: 168, label: 'a week' },
  { hours: 720, label: 'thirty days' },
  { hours: 8760, label: 'a year' },
]

/** The admins' roles page and the moderators' suspension page: rendered per request, for staff only. */
const staffRoutes: FastifyPluginAsyncTypebox<{ draw: DrawRules }> = async (app, { draw }) => {
  async function showRoles(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { form?: { username?: string; forum?: string; error?: string }; done?: string | undefined } = {},
    status = 200,
  ) {
    if (!isAdmin(requireMember(request)))
      throw new AppError(403, 'admins_only', 'Only admins name moderators and hosts.')
    const [staff, hosts, forums] = await Promise.all([listStaff(app.pool), listHosts(app.pool), listForums(app.pool)])
    return renderPage(
      request,
      reply,
      'roles',
      {
        title: 'Moderators and hosts',
        staff,
        forums: forums.map((f) => ({ ...f, hosts: hosts.filter((h) => h.forumId === f.id).map((h) => h.username) })),
        form: { username: '', forum: '', ...extra.form },
        done: extra.done === 'saved' ? 'Saved; it takes effect at once.' : undefined,
      },
      status,
    )
  }

  app.get('/admin/roles', { schema: { querystring: DoneQuery } }, (request, reply) =>
    showRoles(request, reply, { done: request.query.done }),
  )

  app.post('/admin/roles', { schema: { body: RolesForm }, attachValidation: true }, async (request, reply) => {
    const form = { username: typed(request.body?.username), forum: typed(request.body?.forum) }
    const refused = formRefusal(request)
    if (refused) return showRoles(request, reply, { form: { ...form, error: refused } }, 400)
    const admin = requireMember(request)
    const { action } = request.body
    try {
      const done =
        action === 'add_moderator' || action === 'remove_moderator'
          ? await setMemberRole(app.pool, admin, form.username, action === 'add_moderator' ? 'moderator' : 'member')
          : await setForumHost(app.pool, admin, form.forum, form.username, action === 'add_host')
      app.forgetMember(done.member.id)
      return reply.redirect('/admin/roles?done=saved', 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 403) throw err
      return showRoles(request, reply, { form: { ...form, error: err.message } }, err.status)
    }
  })

  async function showSuspension(
    request: FastifyRequest,
    reply: FastifyReply,
    username: string,
    extra: { form?: { hours?: string; reason?: string; error?: string }; done?: string | undefined } = {},
    status = 200,
  ) {
    if (!isModerator(requireMember(request)))
      throw new AppError(403, 'moderators_only', 'Only moderators and admins can suspend or reinstate members.')
    const target = await findMemberByName(app.pool, username)
    if (!target) throw notFound('unknown_member', `There is no member called "${username}".`)
    const suspension = await findSuspension(app.pool, target.id)
    return renderPage(
      request,
      reply,
      'suspension',
      {
        title: `Suspend ${target.username}`,
        target,
        suspension: suspension && { until: suspension.until.toISOString(), reason: suspension.reason },
        choices: SUSPENSION_CHOICES,
        form: { hours: '72', reason: '', ...extra.form },
        done: extra.done === 'suspend' ? 'Suspended.' : extra.done === 'unsuspend' ? 'Reinstated.' : undefined,
      },
      status,
    )
  }

  app.get(
    '/members/:username/suspension',
    { schema: { params: UsernameParams, querystring: DoneQuery } },
    (request, reply) => showSuspension(request, reply, request.params.username, { done: request.query.done }),
  )

  app.post(
    '/members/:username/suspension',
    { schema: { params: UsernameParams, body: SuspensionForm }, attachValidation: true },
    async (request, reply) => {
      const { username } = request.params
      const form = { hours: typed(request.body?.hours), reason: typed(request.body?.reason) }
      const refused = formRefusal(request)
      if (refused) return showSuspension(request, reply, username, { form: { ...form, error: refused } }, 400)
      const actor = requireMember(request)
      const { action } = request.body
      try {
        const done =
          action === 'suspend'
            ? await suspendMember(app.pool, draw, actor, username, Number(form.hours), form.reason)
            : await unsuspendMember(app.pool, actor, username, form.reason)
        app.forgetMember(done.member.id)
        return reply.redirect(`/members/${encodeURIComponent(done.member.username)}/suspension?done=${action}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 403 || err.status === 404) throw err
        return showSuspension(request, reply, username, { form: { ...form, error: err.message } }, err.status)
      }
    },
  )
}

export default staffRoutes
