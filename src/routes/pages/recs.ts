import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { IdParams } from '../../schemas/common.js'
import { setRec } from '../../services/recs.js'
import { isSuspended } from '../../services/suspensions.js'
import type { ThreadPage } from './thread-page.js'

/**
 * The thread page's Recommend and Take it back buttons. A suspended member's rec shows the thread
 * again (403), whose notice and rec line say until when; another refusal (your own thread) is an error page.
 */
const recRoutes: FastifyPluginAsyncTypebox<{ threadPage: ThreadPage }> = async (app, { threadPage }) => {
  const rec =
    (recommended: boolean) => async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => {
      const threadId = request.params.id
      const address = await threadPage.addressOf(threadId)
      if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(`${address}#recs`)}`, 303)
      if (recommended && isSuspended(request.member))
        return threadPage.showThread(request, reply, threadId, address, {}, {}, 403)
      await app.limitRate(request, 'rec')
      await setRec(app.pool, { threadId, memberId: request.member.id, recommended })
      return reply.redirect(`${address}#recs`, 303)
    }
  app.post('/threads/:id/rec', { schema: { params: IdParams } }, rec(true))
  app.post('/threads/:id/unrec', { schema: { params: IdParams } }, rec(false))
}

export default recRoutes
