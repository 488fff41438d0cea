import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { presentThreadById } from '../../views/present-thread.js'
import { editThreadDigest, retryThreadDigest } from '../../services/digest-edits.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import { CommentEdit, DigestEdit, Thread } from '../../schemas/threads.js'
import { editThreadComment } from '../../services/thread-comment.js'

/** The poster (or a moderator) fixes a digest by hand, or tries a failed one again; the poster rewords their comment. */
const threadCareRoutes: FastifyPluginAsyncTypebox<{ duplicateWindowDays: number }> = async (
  app,
  { duplicateWindowDays },
) => {
  app.patch(
    '/threads/:id',
    {
      schema: {
        params: IdParams,
        body: DigestEdit,
        response: { 200: Type.Object({ thread: Thread }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      const member = requireMember(request)
      await editThreadDigest(app.pool, member, request.params.id, request.body.title, request.body.excerpt)
      return { thread: await presentThreadById(app.pool, request.params.id, duplicateWindowDays) }
    },
  )

  app.patch(
    '/threads/:id/comment',
    {
      config: { memberActs: true },
      schema: {
        params: IdParams,
        body: CommentEdit,
        response: { 200: Type.Object({ thread: Thread }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      await editThreadComment(app.pool, requireMember(request), request.params.id, request.body.comment)
      return { thread: await presentThreadById(app.pool, request.params.id, duplicateWindowDays) }
    },
  )

  app.post(
    '/threads/:id/retry',
    { schema: { params: IdParams, response: { 202: Type.Object({ thread: Thread }), '4xx': ErrorBody } } },
    async (request, reply) => {
      const member = requireMember(request)
      await retryThreadDigest(app.pool, app.digestQueue, member, request.params.id)
      return reply
        .status(202)
        .send({ thread: await presentThreadById(app.pool, request.params.id, duplicateWindowDays) })
    },
  )
}

export default threadCareRoutes
