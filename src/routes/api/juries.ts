import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AppConfig } from '../../config.js'
import { refuseAlertFromNewMember } from '../../abuse/new-members.js'
import type { JuryRow } from '../../db/juries.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import { AlertBody, Jury, JuryState, ModerationQueue, QueueQuery, VoteBody } from '../../schemas/juries.js'
import { alertPost, declineJury, juryRulesOf, postRefOf, voteOnJury } from '../../services/juries.js'
import { viewJury, viewModerationQueue } from '../../services/jury-view.js'
import { presentJury, presentModerationQueue } from '../../views/present-jury.js'

const juryState = (j: JuryRow) => ({
  id: j.id,
  status: j.status,
  outcomeReason: j.outcomeReason,
  closesAt: j.closesAt.toISOString(),
})

/** Alerting a post, serving on its jury, and the moderation queue. */
const juryRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  const rules = juryRulesOf(config)

  app.post(
    '/alerts',
    {
      config: { memberActs: true },
      schema: {
        body: AlertBody,
        response: {
          201: Type.Object({
            alert: Type.Object({ id: Type.Integer(), jury: JuryState }, { additionalProperties: false }),
          }),
          '4xx': ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const member = requireMember(request)
      refuseAlertFromNewMember(member, config.newMemberDays)
      await app.limitRate(request, 'alert')
      const { alertId, jury } = await alertPost(
        { pool: app.pool, queue: app.juryQueue, log: request.log, rules },
        member.id,
        { post: postRefOf(request.body), reason: request.body.reason, note: request.body.note ?? '' },
      )
      return reply.status(201).send({ alert: { id: alertId, jury: juryState(jury) } })
    },
  )

  app.get(
    '/juries/:id',
    { schema: { params: IdParams, response: { 200: Type.Object({ jury: Jury }), '4xx': ErrorBody } } },
    async (request) => ({
      jury: presentJury(await viewJury(app.pool, requireMember(request), request.params.id)),
    }),
  )

  app.post(
    '/juries/:id/vote',
    {
      schema: {
        params: IdParams,
        body: VoteBody,
        response: { 200: Type.Object({ jury: JuryState }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      const member = requireMember(request)
      const jury = await voteOnJury(app.pool, rules, member.id, request.params.id, {
        vote: request.body.vote,
        explanation: request.body.explanation ?? '',
      })
      return { jury: juryState(jury) }
    },
  )

  app.post(
    '/juries/:id/decline',
    {
      schema: {
        params: IdParams,
        response: { 200: Type.Object({ declined: Type.Boolean(), replaced: Type.Boolean() }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { replaced } = await declineJury(app.pool, rules, requireMember(request).id, request.params.id)
      return { declined: true, replaced }
    },
  )

  app.get(
    '/moderation/queue',
    { schema: { querystring: QueueQuery, response: { 200: ModerationQueue, '4xx': ErrorBody } } },
    async (request) =>
      presentModerationQueue(await viewModerationQueue(app.pool, requireMember(request), request.query.before)),
  )
}

export default juryRoutes
