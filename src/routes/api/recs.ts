import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import { setRec } from '../../services/recs.js'

const RecState = Type.Object(
  {
    recommended: Type.Boolean({ description: 'Whether the calling member now recommends the thread.' }),
    recCount: Type.Integer(),
    changed: Type.Boolean({ description: 'False when it already was so (a second rec counts once).' }),
  },
  { additionalProperties: false },
)

/** Recommend a thread (PUT) or take the rec back (DELETE); both may be repeated safely. */
const recRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const schema = { params: IdParams, response: { 200: RecState, '4xx': ErrorBody } }
  app.put('/threads/:id/rec', { schema, config: { memberActs: true } }, async (request) => {
    const member = requireMember(request)
    await app.limitRate(request, 'rec')
    const outcome = await setRec(app.pool, { threadId: request.params.id, memberId: member.id, recommended: true })
    return { recommended: true, ...outcome }
  })
  app.delete('/threads/:id/rec', { schema }, async (request) => {
    const member = requireMember(request)
    await app.limitRate(request, 'rec')
    const outcome = await setRec(app.pool, { threadId: request.params.id, memberId: member.id, recommended: false })
    return { recommended: false, ...outcome }
  })
}

export default recRoutes
