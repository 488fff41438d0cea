import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ThreadRow } from '../../db/threads.js'
import { AppError } from '../../errors.js'
import { editThreadDigest, loadThreadFor, paragraphsOf, retryThreadDigest } from '../../services/digest-edits.js'
import { requireMember } from '../../plugins/auth.js'
import { IdParams } from '../../schemas/common.js'
import { CommentEditForm, DigestEditForm } from '../../schemas/forms.js'
import { editThreadComment, findOwnThread } from '../../services/thread-comment.js'
import { assertMayAct } from '../../services/suspensions.js'
import { presentThread } from '../../views/present-thread.js'
import { formRefusal, isFormRefusal, renderPage, typed } from './render.js'
import { threadAddress } from './thread-address.js'

/** Forms for the poster (or a moderator) to fix a digest by hand or try a failed one again, and for the poster to reword their comment. */
const threadCareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const showEditForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    row: ThreadRow,
    form: { title: string; excerpt: string; error?: string },
    status = 200,
  ) => {
    const thread = presentThread(row)
    return renderPage(
      request,
      reply,
      'edit-thread',
      { title: `Edit the digest: ${thread.heading}`, thread, form },
      status,
    )
  }

  app.get('/threads/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const thread = await loadThreadFor(app.pool, requireMember(request), request.params.id)
    return showEditForm(request, reply, thread, { title: thread.title ?? '', excerpt: thread.excerpt.join('\n\n') })
  })

  app.post(
    '/threads/:id/edit',
    { schema: { params: IdParams, body: DigestEditForm }, attachValidation: true },
    async (request, reply) => {
      const refused = formRefusal(request)
      const member = requireMember(request)
      const id = request.params.id
      const form = { title: typed(request.body?.title), excerpt: typed(request.body?.excerpt) }
      try {
        if (refused) throw new AppError(400, 'invalid_request', refused)
        await editThreadDigest(app.pool, member, id, form.title, paragraphsOf(form.excerpt))
        return reply.redirect(await threadAddress(app.pool, id), 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404 || err.status === 403) throw err
        return showEditForm(
          request,
          reply,
          await loadThreadFor(app.pool, member, id),
          { ...form, error: err.message },
          err.status,
        )
      }
    },
  )

  const showCommentForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    row: ThreadRow,
    form: { comment: string; error?: string },
    status = 200,
  ) => {
    const thread = presentThread(row)
    return renderPage(
      request,
      reply,
      'edit-comment',
      { title: `Edit your words: ${thread.heading}`, thread, form },
      status,
    )
  }

  app.get('/threads/:id/comment', { schema: { params: IdParams } }, async (request, reply) => {
    const thread = await findOwnThread(app.pool, requireMember(request), request.params.id)
    return showCommentForm(request, reply, thread, { comment: thread.comment ?? '' })
  })

  app.post(
    '/threads/:id/comment',
    { schema: { params: IdParams, body: CommentEditForm }, attachValidation: true },
    async (request, reply) => {
      const member = requireMember(request)
      const id = request.params.id
      const form = { comment: typed(request.body?.comment) }
      try {
        const refused = formRefusal(request)
        if (refused) throw new AppError(400, 'invalid_request', refused)
        assertMayAct(member)
        await editThreadComment(app.pool, member, id, form.comment)
        return reply.redirect(`${await threadAddress(app.pool, id)}#comment`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || !isFormRefusal(err)) throw err
        const thread = await findOwnThread(app.pool, member, id)
        return showCommentForm(request, reply, thread, { ...form, error: err.message }, err.status)
      }
    },
  )

  app.post('/threads/:id/retry', { schema: { params: IdParams } }, async (request, reply) => {
    const id = request.params.id
    await retryThreadDigest(app.pool, app.digestQueue, requireMember(request), id)
    // The thread page follows the new attempt and, should it fail too, says so.
    return reply.redirect(`${await threadAddress(app.pool, id)}?notice=retried`, 303)
  })
}

export default threadCareRoutes
