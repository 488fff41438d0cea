import type { Queryable } from './pool.js'

/** Whether a link from this site was ever posted here. */
export async function isKnownSite(db: Queryable, site: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM known_sites WHERE site = $1', [site])
  return rowCount === 1
}

export async function recordKnownSite(db: Queryable, site: string): Promise<void> {
  await db.query('INSERT INTO known_sites (site) VALUES ($1) ON CONFLICT (site) DO NOTHING', [site])
}

/**
 * Whether any member has been here longer than `days`: until then the forum itself is new, every
 * member is a newcomer, and no site is known yet, so the newcomers' rule on sites cannot apply.
 */
export async function hasEstablishedMembers(db: Queryable, days: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM users WHERE created_at < now() - make_interval(days => $1) AND deleted_at IS NULL LIMIT 1`,
    [days],
  )
  return rowCount === 1
}
