import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { listForums } from '../../db/forums.js'
import type { PostRef } from '../../db/moderation.js'
import { findReply } from '../../db/replies.js'
import { findPostState } from '../../db/thread-moderation.js'
import { findThread } from '../../db/threads.js'
import { AppError, notFound } from '../../errors.js'
import { requireMember } from '../../plugins/auth.js'
import { IdParams } from '../../schemas/common.js'
import { ModerationForm } from '../../schemas/forms.js'
import { moderateReply, moderateThread, moveThreadToForum } from '../../services/moderation.js'
import { mayModerateForum } from '../../services/permissions.js'
import { presentThread } from '../../views/present-thread.js'
import { presentRevision } from '../../views/present-moderation.js'
import { listRevisions } from '../../db/revisions.js'
import { formRefusal, renderPage, typed } from './render.js'

/** What the page says after an action, by its `?done=` name. */
const DONE = new Map([
  ['lock', 'Locked: the thread takes no new replies.'],
  ['unlock', 'Unlocked: members can reply again.'],
  ['pin', 'Pinned to the top of its forum’s first page.'],
  ['unpin', 'Unpinned.'],
  ['hide', 'Hidden: members see a stub in its place.'],
  ['unhide', 'Shown again.'],
])

interface Draft {
  error?: string
  reason?: string
  forum?: string | undefined
}

const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 10 })) })

/**
 * A thread's or a reply's moderation page: its forum's hosts and the moderators see the post (hidden
 * or not) and act on it, with a reason the public log shows; while it is hidden, its poster may read
 * what they wrote there too. Rendered per request: it may show hidden text.
 */
const moderationPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function showPost(
    request: FastifyRequest,
    reply: FastifyReply,
    ref: PostRef,
    extra: { draft?: Draft; done?: string | undefined } = {},
    status = 200,
  ) {
    const member = requireMember(request)
    const state = await findPostState(app.pool, ref)
    if (!state) throw notFound(`unknown_${ref.kind}`, `There is no ${ref.kind} ${ref.id}.`)
    const mayModerate = await mayModerateForum(app.pool, member, state.forumId)
    if (!mayModerate && !(state.hiddenBy && state.authorId === member.id))
      throw new AppError(
        403,
        'not_moderator',
        'Only this forum’s hosts and the site’s moderators (and, while it is hidden, its poster) can open this page.',
      )
    const [thread, replyRow, forums, revisions] = await Promise.all([
      findThread(app.pool, state.threadId),
      ref.kind === 'reply' ? findReply(app.pool, ref.id) : undefined,
      mayModerate && ref.kind === 'thread' ? listForums(app.pool) : [],
      // The earlier texts are for moderators alone, not for the poster of a hidden post.
      mayModerate ? listRevisions(app.pool, ref) : undefined,
    ])
    if (!thread) throw notFound('unknown_thread', `There is no thread ${state.threadId}.`)
    const presented = presentThread(thread)
    return renderPage(
      request,
      reply,
      'moderate-post',
      {
        title: ref.kind === 'thread' ? 'Moderate a thread' : 'Moderate a reply',
        kind: ref.kind,
        state,
        thread: presented,
        // Read from the row: the text members no longer see, for those who may.
        replyBody: replyRow && !replyRow.deletedAt ? replyRow.body : undefined,
        replyAuthor: replyRow?.authorName,
        replyCreatedAt: replyRow?.createdAt.toISOString(),
        mayModerate,
        revisions: revisions?.map(presentRevision),
        forums: forums.filter((f) => f.id !== state.forumId),
        notice: extra.done ? DONE.get(extra.done) : undefined,
        form: { reason: '', forum: '', ...extra.draft },
      },
      status,
    )
  }

  app.get('/threads/:id/moderate', { schema: { params: IdParams, querystring: DoneQuery } }, (request, reply) =>
    showPost(request, reply, { kind: 'thread', id: request.params.id }, { done: request.query.done }),
  )
  app.get('/replies/:id/moderate', { schema: { params: IdParams, querystring: DoneQuery } }, (request, reply) =>
    showPost(request, reply, { kind: 'reply', id: request.params.id }, { done: request.query.done }),
  )

  const formOptions = { schema: { params: IdParams, body: ModerationForm }, attachValidation: true }

  app.post('/threads/:id/moderate', formOptions, async (request, reply) => {
    const ref = { kind: 'thread', id: request.params.id } as const
    const draft = { reason: typed(request.body?.reason), forum: typed(request.body?.forum) }
    const refused = formRefusal(request)
    if (refused) return showPost(request, reply, ref, { draft: { ...draft, error: refused } }, 400)
    const member = requireMember(request)
    const { action } = request.body
    try {
      if (action === 'move') {
        await moveThreadToForum(app.pool, member, ref.id, draft.forum, draft.reason)
        // A host who moved it out of their forum may not moderate it any more: the thread shows where it went.
        return reply.redirect(`/threads/${ref.id}?notice=moved`, 303)
      }
      await moderateThread(app.pool, member, ref.id, action, draft.reason)
      return reply.redirect(`/threads/${ref.id}/moderate?done=${action}`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status === 403) throw err
      return showPost(request, reply, ref, { draft: { ...draft, error: err.message } }, err.status)
    }
  })

  app.post('/replies/:id/moderate', formOptions, async (request, reply) => {
    const ref = { kind: 'reply', id: request.params.id } as const
    const draft = { reason: typed(request.body?.reason) }
    const refused = formRefusal(request)
    if (refused) return showPost(request, reply, ref, { draft: { ...draft, error: refused } }, 400)
    const member = requireMember(request)
    const { action } = request.body
    try {
      if (action !== 'hide' && action !== 'unhide')
        throw new AppError(400, 'invalid_action', 'A reply is hidden or shown again.')
      await moderateReply(app.pool, member, ref.id, action, draft.reason)
      return reply.redirect(`/replies/${ref.id}/moderate?done=${action}`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404 || err.status === 403) throw err
      return showPost(request, reply, ref, { draft: { ...draft, error: err.message } }, err.status)
    }
  })
}

export default moderationPageRoutes
