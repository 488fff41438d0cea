import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { IdParams } from '../../schemas/common.js'
import { setRec } from '../../services/recs.js'
import { threadAddress } from './thread-address.js'

/** The thread page's Recommend and Take it back buttons; a refusal (your own thread) is an error page. */
const recRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rec =
    (recommended: boolean) => async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => {
      const threadId = request.params.id
      const address = await threadAddress(app.pool, threadId)
      if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(`${address}#recs`)}`, 303)
      await app.limitRate(request, 'rec')
      await setRec(app.pool, { threadId, memberId: request.member.id, recommended })
      return reply.redirect(`${address}#recs`, 303)
    }
  app.post('/threads/:id/rec', { schema: { params: IdParams }, config: { memberActs: true } }, rec(true))
  app.post('/threads/:id/unrec', { schema: { params: IdParams } }, rec(false))
}

export default recRoutes
