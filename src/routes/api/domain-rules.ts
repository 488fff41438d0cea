import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type pg from 'pg'
import type { UserRow } from '../../db/users.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody } from '../../schemas/common.js'
import { DomainParams, DomainRules, NewDomainRule } from '../../schemas/domain-rules.js'
import { listRules, removeDomainRule, setDomainRule } from '../../services/domain-rules.js'

const presentRules = async (pool: pg.Pool, member: UserRow) => ({
  rules: (await listRules(pool, member)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
})

/** Admins' rules for domains: blocked ones and link shorteners. Each answer is the whole list. */
const domainRuleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const response = { 200: DomainRules, '4xx': ErrorBody }

  app.get('/admin/domains', { schema: { response } }, async (request) => presentRules(app.pool, requireMember(request)))

  app.post('/admin/domains', { schema: { body: NewDomainRule, response } }, async (request) => {
    const member = requireMember(request)
    await setDomainRule(app.pool, member, request.body)
    return presentRules(app.pool, member)
  })

  app.delete('/admin/domains/:domain', { schema: { params: DomainParams, response } }, async (request) => {
    const member = requireMember(request)
    await removeDomainRule(app.pool, member, request.params.domain)
    return presentRules(app.pool, member)
  })
}

export default domainRuleRoutes
