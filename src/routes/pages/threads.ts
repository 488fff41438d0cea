import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { findForum, type ForumRow } from '../../db/forums.js'
import { listReplies } from '../../db/replies.js'
import { AppError, badRequest, notFound } from '../../errors.js'
import { IdParams } from '../../schemas/common.js'
import type { Config } from '../../config.js'
import { postingRulesFor, postReply, postThread, type PostedThread } from '../../services/posting.js'
import { sourceUrlOf } from '../../links/source-url.js'
import { loadThreadView } from '../../views/present-thread.js'
import { loginRedirect, renderPage } from './render.js'

interface PostForm {
  url?: string
  comment?: string
}
interface ReplyForm {
  body?: string
  parentId?: string
}

/** Notices shown on a thread page after a redirect, by their `?notice=` name. */
const NOTICES = new Map([
  ['already-posted', 'That link was already posted, so here is its discussion.'],
  [
    'already-posted-comment-added',
    'That link was already posted, so here is its discussion; your comment was added as a reply.',
  ],
])

/** Where a post leads: its new thread, or the existing one with a notice (and the comment's reply in view). */
function postedLocation(posted: PostedThread): string {
  if (!posted.duplicate) return `/threads/${posted.id}`
  if (!posted.commentReply) return `/threads/${posted.id}?notice=already-posted`
  return `/threads/${posted.id}?notice=already-posted-comment-added#reply-${posted.commentReply.id}`
}

const threadRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  const { duplicateWindowDays } = config
  async function loadForum(slug: string): Promise<ForumRow> {
    const forum = await findForum(app.pool, slug)
    if (!forum) throw notFound('unknown_forum', `There is no forum called "${slug}".`)
    return forum
  }

  async function showThread(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: { error?: string; body?: string; parentId?: number | undefined } = {},
    status = 200,
  ) {
    const [{ thread, ...extras }, replies] = await Promise.all([
      loadThreadView(app.pool, id, duplicateWindowDays),
      listReplies(app.pool, id),
    ])
    const waiting = thread.status === 'pending' || thread.status === 'fetching'
    const query = request.query as { notice?: string; replyTo?: string }
    const notice = NOTICES.get(String(query.notice))
    // "Reply" under a post opens the form answering it; an id not in this thread is ignored.
    const parentId = form.parentId ?? Number(query.replyTo)
    const replyingTo = replies.find((r) => r.id === parentId)
    return renderPage(
      request,
      reply,
      'thread',
      {
        title: thread.title ?? 'Fetching the article…',
        thread,
        replies,
        ...extras,
        notice,
        sourceUrl: sourceUrlOf(thread),
        refresh: waiting ? 2 : 0,
        form,
        replyingTo,
      },
      status,
    )
  }

  const showPostForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    forum: ForumRow,
    form: PostForm & { error?: string },
    status = 200,
  ) => renderPage(request, reply, 'post', { title: `Post a link to ${forum.name}`, forum, form }, status)

  app.get<{ Params: { id: number } }>('/threads/:id', { schema: { params: IdParams } }, (request, reply) =>
    showThread(request, reply, request.params.id),
  )

  app.get<{ Params: { slug: string } }>('/forums/:slug/post', async (request, reply) => {
    const forum = await loadForum(request.params.slug)
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    return showPostForm(request, reply, forum, {})
  })

  app.post<{ Params: { slug: string }; Body: PostForm }>('/forums/:slug/post', async (request, reply) => {
    const forum = await loadForum(request.params.slug)
    const form = { url: String(request.body?.url ?? ''), comment: String(request.body?.comment ?? '') }
    if (!request.member) return showPostForm(request, reply, forum, { ...form, error: 'Log in to post a link.' }, 401)
    try {
      const posted = await postThread(
        app.pool,
        app.digestQueue,
        { forum: forum.slug, ...form, authorId: request.member.id },
        postingRulesFor(config, request.host),
        (err) => request.log.error({ err }, 'could not queue the digest; the worker sweep will pick it up'),
      )
      return reply.redirect(postedLocation(posted), 303)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      return showPostForm(request, reply, forum, { ...form, error: err.message }, err.status)
    }
  })

  app.post<{ Params: { id: number }; Body: ReplyForm }>(
    '/threads/:id/replies',
    { schema: { params: IdParams } },
    async (request, reply) => {
      const threadId = request.params.id
      const body = String(request.body?.body ?? '')
      const parent = request.body?.parentId ? Number(request.body.parentId) : undefined
      if (!request.member)
        return showThread(request, reply, threadId, { error: 'Log in to reply.', body, parentId: parent }, 401)
      try {
        if (parent !== undefined && !(Number.isSafeInteger(parent) && parent > 0))
          throw badRequest('unknown_parent', 'That reply is not in this thread.')
        const created = await postReply(app.pool, { threadId, parentId: parent, body, authorId: request.member.id })
        return reply.redirect(`/threads/${threadId}#reply-${created.id}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err
        return showThread(request, reply, threadId, { error: err.message, body, parentId: parent }, err.status)
      }
    },
  )
}

export default threadRoutes
