import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { AppError } from '../../errors.js'
import { DomainRuleForm, RemoveDomainRuleForm } from '../../schemas/forms.js'
import { listRules, removeDomainRule, setDomainRule } from '../../services/domain-rules.js'
import { formRefusal, loginRedirect, refusal, renderPage, typed } from './render.js'

interface RuleDraft {
  domain: string
  kind: string
  reason: string
  error?: string
}

/** What /admin/domains says after a change, by its `?done=` name. */
const DONE = new Map([
  ['saved', 'The rule is saved.'],
  ['removed', 'The rule is removed.'],
])

/** The admins' page of domain rules: blocked domains and link shorteners, each with its reason. */
const domainRulePages: FastifyPluginAsyncTypebox = async (app) => {
  async function showRules(
    request: FastifyRequest,
    reply: FastifyReply,
    form: RuleDraft = { domain: '', kind: 'blocked', reason: '' },
    notice?: string,
    status = 200,
  ) {
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    const rules = await listRules(app.pool, request.member)
    return renderPage(request, reply, 'domain-rules', { title: 'Domain rules', rules, form, notice }, status)
  }

  app.get(
    '/admin/domains',
    { schema: { querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    (request, reply) => showRules(request, reply, undefined, DONE.get(String(request.query.done))),
  )

  app.post('/admin/domains', { schema: { body: DomainRuleForm }, attachValidation: true }, async (request, reply) => {
    const body = request.body ?? {}
    const form = { domain: typed(body.domain), kind: typed(body.kind) || 'blocked', reason: typed(body.reason) }
    const refused = formRefusal(request)
    if (refused) return showRules(request, reply, { ...form, error: refused }, undefined, 400)
    try {
      await setDomainRule(app.pool, request.member, request.body)
      return reply.redirect('/admin/domains?done=saved', 303)
    } catch (err) {
      // Not an admin: the error page, not the form.
      if (!(err instanceof AppError) || err.status === 403 || err.status === 401) throw err
      return showRules(request, reply, { ...form, error: err.message }, undefined, refusal(reply, err))
    }
  })

  app.post('/admin/domains/remove', { schema: { body: RemoveDomainRuleForm } }, async (request, reply) => {
    await removeDomainRule(app.pool, request.member, request.body.domain)
    return reply.redirect('/admin/domains?done=removed', 303)
  })
}

export default domainRulePages
