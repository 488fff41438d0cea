import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findForum } from '../../db/forums.js'
import { listModerationLog } from '../../db/moderation.js'
import { notFound } from '../../errors.js'
import { MODERATION_LOG_PAGE } from '../../limits.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import {
  LogPage,
  LogQuery,
  ModerationBody,
  Moderated,
  MoveBody,
  Revisions,
  SuspendBody,
  Suspension,
  UsernameParams,
} from '../../schemas/moderation.js'
import {
  moderateReply,
  moderateThread,
  moveThreadToForum,
  type ReplyAction,
  type ThreadAction,
} from '../../services/moderation.js'
import { suspendMember, unsuspendMember } from '../../services/roles.js'
import { viewRevisions } from '../../services/revisions.js'
import { presentLogEntry, presentPostState, presentRevision } from '../../views/present-moderation.js'

const answer = { 200: Moderated, '4xx': ErrorBody }

/** What hosts (in their forums), moderators and admins do to posts and members, and the public log. */
const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const threadActions: ThreadAction[] = ['lock', 'unlock', 'pin', 'unpin', 'hide', 'unhide']
  for (const action of threadActions)
    app.post(
      `/threads/:id/${action}`,
      { schema: { params: IdParams, body: ModerationBody, response: answer } },
      async (request) => {
        const done = await moderateThread(
          app.pool,
          requireMember(request),
          request.params.id,
          action,
          request.body.reason,
        )
        return { changed: done.changed, post: presentPostState(done.post) }
      },
    )

  app.post('/threads/:id/move', { schema: { params: IdParams, body: MoveBody, response: answer } }, async (request) => {
    const { forum, reason } = request.body
    const done = await moveThreadToForum(app.pool, requireMember(request), request.params.id, forum, reason)
    return { changed: done.changed, post: presentPostState(done.post) }
  })

  const replyActions: ReplyAction[] = ['hide', 'unhide']
  for (const action of replyActions)
    app.post(
      `/replies/:id/${action}`,
      { schema: { params: IdParams, body: ModerationBody, response: answer } },
      async (request) => {
        const done = await moderateReply(
          app.pool,
          requireMember(request),
          request.params.id,
          action,
          request.body.reason,
        )
        return { changed: done.changed, post: presentPostState(done.post) }
      },
    )

  // The earlier texts of a thread's words or of a reply, for its forum's hosts and the moderators.
  for (const kind of ['thread', 'reply'] as const)
    app.get(
      `/${kind === 'thread' ? 'threads' : 'replies'}/:id/revisions`,
      { schema: { params: IdParams, response: { 200: Revisions, '4xx': ErrorBody } } },
      async (request) => {
        const rows = await viewRevisions(app.pool, requireMember(request), { kind, id: request.params.id })
        return { revisions: rows.map(presentRevision) }
      },
    )

  const suspension = { 200: Suspension, '4xx': ErrorBody }
  app.post(
    '/members/:username/suspend',
    { schema: { params: UsernameParams, body: SuspendBody, response: suspension } },
    async (request) => {
      const { hours, reason } = request.body
      const { member, until } = await suspendMember(
        app.pool,
        requireMember(request),
        request.params.username,
        hours,
        reason,
      )
      app.forgetMember(member.id)
      return { username: member.username, suspendedUntil: until.toISOString(), changed: true }
    },
  )

  app.post(
    '/members/:username/unsuspend',
    { schema: { params: UsernameParams, body: ModerationBody, response: suspension } },
    async (request) => {
      const { member, changed } = await unsuspendMember(
        app.pool,
        requireMember(request),
        request.params.username,
        request.body.reason,
      )
      app.forgetMember(member.id)
      return { username: member.username, suspendedUntil: null, changed }
    },
  )

  app.get(
    '/moderation/log',
    { schema: { querystring: LogQuery, response: { 200: LogPage, '4xx': ErrorBody } } },
    async (request) => {
      const { before } = request.query
      // The filter's "All forums" sends an empty name.
      const slug = request.query.forum || undefined
      const forum = slug === undefined ? undefined : await findForum(app.pool, slug)
      if (slug !== undefined && !forum) throw notFound('unknown_forum', `There is no forum called "${slug}".`)
      const page = await listModerationLog(app.pool, { forumId: forum?.id, before, limit: MODERATION_LOG_PAGE })
      const params = (older: number) => new URLSearchParams({ ...(slug ? { forum: slug } : {}), before: String(older) })
      return {
        entries: page.entries.map(presentLogEntry),
        next: page.older === undefined ? null : `/api/moderation/log?${params(page.older)}`,
      }
    },
  )
}

export default moderationRoutes
