import type pg from 'pg'
import { deleteDomainRule, listDomainRules, saveDomainRule, type DomainRuleKind } from '../db/domain-rules.js'
import type { UserRow } from '../db/users.js'
import { AppError, badRequest, notFound } from '../errors.js'
import { DOMAIN_REASON_MAX } from '../limits.js'
import { readRuleDomain } from '../links/domain.js'
import { isAdmin } from './permissions.js'

type Member = UserRow | null | undefined

function requireAdmin(member: Member): void {
  if (!isAdmin(member)) throw new AppError(403, 'forbidden', 'Only admins keep the rules for domains.')
}

function checkDomain(raw: string): string {
  const domain = readRuleDomain(raw)
  if (!domain) throw badRequest('invalid_domain', `"${raw.trim()}" is not a domain name such as example.com.`)
  return domain
}

/** The rules admins keep for domains: blocked ones, and link shorteners. */
export async function listRules(pool: pg.Pool, member: Member) {
  requireAdmin(member)
  return listDomainRules(pool)
}

/** Blocks a domain, or marks it as a link shortener, with the reason members are shown; replaces its rule if it had one. */
export async function setDomainRule(
  pool: pg.Pool,
  member: Member,
  input: { domain: string; kind: DomainRuleKind; reason: string },
): Promise<string> {
  requireAdmin(member)
  const domain = checkDomain(input.domain)
  const reason = input.reason.replace(/\s+/g, ' ').trim()
  if (reason === '') throw badRequest('missing_reason', 'Say why: members whose links are refused are shown it.')
  if (reason.length > DOMAIN_REASON_MAX)
    throw badRequest('reason_too_long', `Reasons are at most ${DOMAIN_REASON_MAX} characters long.`)
  await saveDomainRule(pool, { domain, kind: input.kind, reason, createdBy: member!.id })
  return domain
}

export async function removeDomainRule(pool: pg.Pool, member: Member, raw: string): Promise<void> {
  requireAdmin(member)
  const domain = checkDomain(raw)
  if (!(await deleteDomainRule(pool, domain))) throw notFound('unknown_rule', `There is no rule for ${domain}.`)
}
