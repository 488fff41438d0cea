import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { AppConfig } from '../../config.js'
import { refuseAlertFromNewMember } from '../../abuse/new-members.js'
import type { AlertReason, Vote } from '../../db/juries.js'
import { findAlertedPost } from '../../db/juries.js'
import { findJuryPost } from '../../db/jury-view.js'
import type { PostRef } from '../../db/moderation.js'
import { AppError, badRequest } from '../../errors.js'
import { requireMember } from '../../plugins/auth.js'
import { IdParams } from '../../schemas/common.js'
import { AlertForm, AlertQuery, VoteForm } from '../../schemas/forms.js'
import { QueueQuery } from '../../schemas/juries.js'
import {
  ALERT_REASONS,
  alertable,
  alertPost,
  declineJury,
  juryRulesOf,
  postRefOf,
  voteOnJury,
} from '../../services/juries.js'
import { viewJury, viewModerationQueue } from '../../services/jury-view.js'
import { assertMayAct } from '../../services/suspensions.js'
import { presentJury, presentModerationQueue } from '../../views/present-jury.js'
import { formRefusal, refusal, renderPage, typed } from './render.js'

/** `?alerted=1`: the alerter just arrived from the form. */
const JuryQuery = Type.Object(
  { alerted: Type.Optional(Type.Integer({ minimum: 1, maximum: 1 })) },
  { additionalProperties: false },
)

const UNALERTABLE = new Set(['unknown_post', 'already_hidden', 'own_post'])

const isReason = (value: string): value is AlertReason => Object.hasOwn(ALERT_REASONS, value)
const isVote = (value: string): value is Vote => value === 'leave' || value === 'hide'

/** What a refused form shows again: the member's choice and words. */
interface AlertTyped {
  reason: string
  note: string
  error?: string
}

/**
 * The "Alert" link under each post (the same link on every reader's copy of the page), the jury
 * page where jurors vote and the poster and alerters learn the verdict, and the moderation queue.
 */
const juryPageRoutes: FastifyPluginAsyncTypebox<{ config: AppConfig }> = async (app, { config }) => {
  const rules = juryRulesOf(config)

  const showAlertForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    post: PostRef,
    form: AlertTyped,
    status = 200,
  ) => {
    const found = alertable(await findAlertedPost(app.pool, post), requireMember(request).id)
    const shown = await findJuryPost(app.pool, found)
    return renderPage(
      request,
      reply,
      'alert',
      { title: 'Alert the moderators', post, shown, reasons: ALERT_REASONS, form, jurySize: rules.size },
      status,
    )
  }

  app.get('/alert', { schema: { querystring: AlertQuery } }, async (request, reply) => {
    requireMember(request)
    const post = postRefOf({ threadId: request.query.thread, replyId: request.query.reply })
    return showAlertForm(request, reply, post, { reason: '', note: '' })
  })

  app.post('/alert', { schema: { body: AlertForm }, attachValidation: true }, async (request, reply) => {
    const member = requireMember(request)
    const body = (request.body ?? {}) as Partial<typeof request.body>
    const post = postRefOf({ threadId: body.thread, replyId: body.reply })
    const form = { reason: typed(body.reason), note: typed(body.note) }
    try {
      const refused = formRefusal(request)
      if (refused) throw badRequest('invalid_request', refused)
      assertMayAct(member)
      if (!isReason(form.reason)) throw badRequest('reason_required', 'Choose what is wrong with the post.')
      refuseAlertFromNewMember(member, config.newMemberDays)
      await app.limitRate(request, 'alert')
      const { jury } = await alertPost({ pool: app.pool, queue: app.juryQueue, log: request.log, rules }, member.id, {
        post,
        reason: form.reason,
        note: form.note,
      })
      return await reply.redirect(`/juries/${jury.id}?alerted=1`, 303)
    } catch (err) {
      // A post that cannot be alerted is an error page; anything else re-shows the form with what was typed.
      if (!(err instanceof AppError) || err.status >= 500 || UNALERTABLE.has(err.code)) throw err
      return showAlertForm(request, reply, post, { ...form, error: err.message }, refusal(reply, err))
    }
  })

  const showJury = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { notice?: string; form?: { vote: string; explanation: string; error: string } },
    status = 200,
  ) => {
    const jury = presentJury(await viewJury(app.pool, requireMember(request), id))
    const form = extra.form ?? { vote: '', explanation: '', error: '' }
    return renderPage(request, reply, 'jury', { title: 'Jury', jury, notice: extra.notice, form }, status)
  }

  app.get('/juries/:id', { schema: { params: IdParams, querystring: JuryQuery } }, async (request, reply) =>
    showJury(
      request,
      reply,
      request.params.id,
      request.query.alerted ? { notice: 'Thank you: your alert went to a jury of members.' } : {},
    ),
  )

  app.post(
    '/juries/:id/vote',
    { schema: { params: IdParams, body: VoteForm }, attachValidation: true },
    async (request, reply) => {
      const member = requireMember(request)
      const id = request.params.id
      const form = { vote: typed(request.body?.vote), explanation: typed(request.body?.explanation) }
      try {
        const refused = formRefusal(request)
        if (refused) throw badRequest('invalid_request', refused)
        if (!isVote(form.vote)) throw badRequest('vote_required', 'Choose “Leave it” or “Hide it”.')
        await voteOnJury(app.pool, rules, member.id, id, { vote: form.vote, explanation: form.explanation })
        return await reply.redirect(`/juries/${id}`, 303)
      } catch (err) {
        // Others' votes may settle the jury while this juror reads: the verdict is the answer.
        if (err instanceof AppError && err.code === 'jury_closed')
          return showJury(request, reply, id, { notice: 'The jury reached its verdict before your vote.' }, 409)
        if (!(err instanceof AppError) || err.status !== 400) throw err
        return showJury(request, reply, id, { form: { ...form, error: err.message } }, err.status)
      }
    },
  )

  app.post('/juries/:id/decline', { schema: { params: IdParams } }, async (request, reply) => {
    await declineJury(app.pool, rules, requireMember(request).id, request.params.id)
    return reply.redirect(`/juries/${request.params.id}`, 303)
  })

  app.get('/moderation', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const member = requireMember(request)
    const queue = presentModerationQueue(await viewModerationQueue(app.pool, member, request.query.before))
    return renderPage(request, reply, 'moderation', { title: 'Moderation queue', queue })
  })
}

export default juryPageRoutes
