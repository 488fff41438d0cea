import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listNotifications, markAllRead, openNotification, setWatch } from '../../db/notifications.js'
import { notFound } from '../../errors.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams } from '../../schemas/common.js'
import { JuryStatus, OutcomeReason } from '../../schemas/juries.js'
import { presentNotification } from '../../views/present-notification.js'
import { INBOX_SIZE } from '../pages/notifications.js'

const Notification = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Union(
      [
        Type.Literal('reply'),
        Type.Literal('jury_summons'),
        Type.Literal('jury_verdict'),
        Type.Literal('alert_outcome'),
        Type.Literal('moderation'),
      ],
      {
        description:
          'A reply (or several), a summons to a jury, the verdict on your post, or on a post you alerted, or a moderator’s action on your post or account.',
      },
    ),
    jury: Type.Union([
      Type.Object(
        {
          id: Type.Integer(),
          status: JuryStatus,
          outcomeReason: OutcomeReason,
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    moderation: Type.Union([
      Type.Object(
        {
          action: Type.String({ description: 'As the moderation log names it: hide_thread, lock, move, suspend…' }),
          summary: Type.String({ description: 'What was done, in words' }),
          reason: Type.String({ description: 'Why, as the moderator wrote it (the log shows it too)' }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    thread: Type.Union(
      [Type.Object({ id: Type.Integer(), heading: Type.String() }, { additionalProperties: false }), Type.Null()],
      { description: 'Null for a notice about no thread (a suspension)' },
    ),
    replies: Type.Integer({ description: 'Replies gathered in it since it was made.' }),
    lastBy: Type.Union([Type.String(), Type.Null()]),
    reasons: Type.Array(Type.Union([Type.Literal('reply'), Type.Literal('mention'), Type.Literal('watch')])),
    updatedAt: Type.String(),
    read: Type.Boolean(),
  },
  { additionalProperties: false },
)

/** The member's notifications; marking them read; watching a thread. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    { schema: { response: { 200: Type.Object({ notifications: Type.Array(Notification) }), '4xx': ErrorBody } } },
    async (request) => {
      const member = requireMember(request)
      return { notifications: (await listNotifications(app.pool, member.id, INBOX_SIZE)).map(presentNotification) }
    },
  )

  app.post(
    '/notifications/read',
    {
      schema: {
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Type.Integer(), { maxItems: INBOX_SIZE })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ marked: Type.Integer() }), '4xx': ErrorBody },
      },
    },
    async (request) => {
      const member = requireMember(request)
      const ids = request.body.ids
      if (!ids) return { marked: await markAllRead(app.pool, member.id) }
      let marked = 0
      for (const id of ids) if (await openNotification(app.pool, member.id, id)) marked++
      return { marked }
    },
  )

  const watchSchema = {
    params: IdParams,
    response: { 200: Type.Object({ watching: Type.Boolean() }), '4xx': ErrorBody },
  }
  for (const [method, watching] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route({
      method,
      url: '/threads/:id/watch',
      schema: watchSchema,
      handler: async (request) => {
        const member = requireMember(request)
        if (!(await setWatch(app.pool, member.id, request.params.id, watching)))
          throw notFound('unknown_thread', `There is no thread ${request.params.id}.`)
        return { watching }
      },
    })
}

export default notificationRoutes
