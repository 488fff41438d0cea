import type { Queryable } from './pool.js'

/** Whether a link from this site was ever posted here. */
export async function isKnownSite(db: Queryable, site: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM known_sites WHERE site = $1', [site])
  return rowCount === 1
}

export async function recordKnownSite(db: Queryable, site: string): Promise<void> {
  await db.query('INSERT INTO known_sites (site) VALUES ($1) ON CONFLICT (site) DO NOTHING', [site])
}
