import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { listReplyLinks } from '../../db/replies.js'
import { AppError } from '../../errors.js'
import { requireMember } from '../../plugins/auth.js'
import { IdParams } from '../../schemas/common.js'
import { ReplyEditForm } from '../../schemas/forms.js'
import { deleteReply, editReply, findOwnReply } from '../../services/own-replies.js'
import { checkReplyBody } from '../../services/posting.js'
import { assertMayAct } from '../../services/suspensions.js'
import { replyPath, treeOrder } from '../../views/reply-tree.js'
import { formRefusal, isFormRefusal, renderPage, typed } from './render.js'
import { threadAddress } from './thread-address.js'

/**
 * A member's own replies: "Edit" and "Delete" under each reply lead here, where the reply is
 * checked to be the member's (the links are on the page everyone shares, shown by a style rule).
 */
const ownReplyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const backToReply = async (reply: FastifyReply, threadId: number, id: number) =>
    reply.redirect(
      replyPath(await threadAddress(app.pool, threadId), treeOrder(await listReplyLinks(app.pool, threadId)), id),
      303,
    )

  const showEditForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    replyId: number,
    form: { body: string; error?: string; preview?: boolean },
    status = 200,
  ) => renderPage(request, reply, 'edit-reply', { title: 'Edit your reply', replyId, form }, status)

  app.get('/replies/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const own = await findOwnReply(app.pool, requireMember(request), request.params.id)
    return showEditForm(request, reply, own.id, { body: own.body })
  })

  app.post(
    '/replies/:id/edit',
    { schema: { params: IdParams, body: ReplyEditForm }, attachValidation: true },
    async (request, reply) => {
      const member = requireMember(request)
      const id = request.params.id
      const body = typed(request.body?.body)
      try {
        const refused = formRefusal(request)
        if (refused) throw new AppError(400, 'invalid_request', refused)
        assertMayAct(member)
        if (request.body.preview) {
          checkReplyBody(body)
          await findOwnReply(app.pool, member, id)
          return await showEditForm(request, reply, id, { body, preview: true })
        }
        const edited = await editReply(app.pool, member, id, body)
        return await backToReply(reply, edited.threadId, id)
      } catch (err) {
        if (!(err instanceof AppError) || !isFormRefusal(err)) throw err
        await findOwnReply(app.pool, member, id)
        return showEditForm(request, reply, id, { body, error: err.message }, err.status)
      }
    },
  )

  app.get('/replies/:id/delete', { schema: { params: IdParams } }, async (request, reply) => {
    const own = await findOwnReply(app.pool, requireMember(request), request.params.id)
    return renderPage(request, reply, 'delete-reply', { title: 'Delete your reply', replyId: own.id, body: own.body })
  })

  app.post('/replies/:id/delete', { schema: { params: IdParams } }, async (request, reply) => {
    const deleted = await deleteReply(app.pool, requireMember(request), request.params.id)
    return backToReply(reply, deleted.threadId, deleted.id)
  })
}

export default ownReplyRoutes
