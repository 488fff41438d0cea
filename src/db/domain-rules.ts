import type { Queryable } from './pool.js'

export type DomainRuleKind = 'blocked' | 'shortener'

export interface DomainRuleRow {
  domain: string
  kind: DomainRuleKind
  reason: string
  createdBy: string | null
  createdAt: Date
}

const COLUMNS = `r.domain, r.kind, r.reason, u.username AS "createdBy", r.created_at AS "createdAt"`

export async function listDomainRules(db: Queryable): Promise<DomainRuleRow[]> {
  const { rows } = await db.query<DomainRuleRow>(
    `SELECT ${COLUMNS} FROM domain_rules r LEFT JOIN users u ON u.id = r.created_by ORDER BY r.kind, r.domain`,
  )
  return rows
}

/** The rules naming any of `domains` (a host and the domains above it), the most specific first. */
export async function findDomainRules(db: Queryable, domains: string[]): Promise<DomainRuleRow[]> {
  const { rows } = await db.query<DomainRuleRow>(
    `SELECT ${COLUMNS} FROM domain_rules r LEFT JOIN users u ON u.id = r.created_by
     WHERE r.domain = ANY($1) ORDER BY length(r.domain) DESC`,
    [domains],
  )
  return rows
}

/** Every shortener's domain: few, and a resolution asks about each hop. */
export async function listShortenerDomains(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ domain: string }>(`SELECT domain FROM domain_rules WHERE kind = 'shortener'`)
  return rows.map((r) => r.domain)
}

/** Adds the rule, or replaces the domain's rule (its kind and reason) when it has one. */
export async function saveDomainRule(
  db: Queryable,
  rule: { domain: string; kind: DomainRuleKind; reason: string; createdBy: number },
): Promise<void> {
  await db.query(
    `INSERT INTO domain_rules (domain, kind, reason, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (domain) DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,
       created_by = EXCLUDED.created_by, created_at = now()`,
    [rule.domain, rule.kind, rule.reason, rule.createdBy],
  )
}

export async function deleteDomainRule(db: Queryable, domain: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM domain_rules WHERE domain = $1', [domain])
  return rowCount === 1
}
