import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import { Reply, ReplyEdit } from '../../schemas/threads.js'
import { deleteReply, editReply } from '../../services/own-replies.js'
import { presentReply } from '../../views/present-thread.js'

/** A member's own replies: change the text, or take the reply back (its place in the tree stays). */
const replyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const answer = { 200: Type.Object({ reply: Reply }, { additionalProperties: false }), '4xx': ErrorBody }

  app.patch(
    '/replies/:id',
    { config: { memberActs: true }, schema: { params: IdParams, body: ReplyEdit, response: answer } },
    async (request) => {
      const edited = await editReply(app.pool, requireMember(request), request.params.id, request.body.body)
      return { reply: presentReply(edited) }
    },
  )

  app.delete('/replies/:id', { schema: { params: IdParams, response: answer } }, async (request) => {
    const deleted = await deleteReply(app.pool, requireMember(request), request.params.id)
    return { reply: presentReply(deleted) }
  })
}

export default replyRoutes
