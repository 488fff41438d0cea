import { LINK_RULES_VERSION, linkOf, type Link } from '../links/normalize.js'
import type { Queryable } from './pool.js'

export type LinkKind = 'submitted' | 'final' | 'canonical'

export async function recordThreadLink(db: Queryable, threadId: number, kind: LinkKind, link: Link): Promise<void> {
  await db.query(
    `INSERT INTO thread_links (thread_id, kind, url, key, rules_version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (thread_id, kind) DO UPDATE SET url = EXCLUDED.url, key = EXCLUDED.key, rules_version = EXCLUDED.rules_version`,
    [threadId, kind, link.url, link.key, LINK_RULES_VERSION],
  )
}

export interface LinkedThread {
  id: number
  createdAt: Date
  withinWindow: boolean
}

/**
 * The newest thread (not failed, other than `exceptId`) any of whose links has
 * one of these keys, and whether it was posted within the duplicate window.
 */
export async function findThreadByLinkKeys(
  db: Queryable,
  keys: string[],
  windowDays: number,
  exceptId = 0,
): Promise<LinkedThread | undefined> {
  const { rows } = await db.query<LinkedThread>(
    `SELECT t.id, t.created_at AS "createdAt", t.created_at > now() - make_interval(days => $2) AS "withinWindow"
     FROM thread_links l JOIN threads t ON t.id = l.thread_id
     WHERE l.key = ANY($1) AND t.status <> 'failed' AND t.id <> $3
     ORDER BY t.created_at DESC, t.id DESC LIMIT 1`,
    [keys, windowDays, exceptId],
  )
  return rows[0]
}

/** Serialises posts of the same link (until the transaction ends), so two at once make one thread. */
export async function lockLinkKey(db: Queryable, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key])
}

/** Recomputes keys made by older link rules; returns how many were rebuilt. */
export async function rebuildStaleLinkKeys(db: Queryable): Promise<number> {
  let rebuilt = 0
  for (;;) {
    const { rows } = await db.query<{ threadId: number; kind: LinkKind; url: string }>(
      `SELECT thread_id AS "threadId", kind, url FROM thread_links WHERE rules_version < $1 LIMIT 1000`,
      [LINK_RULES_VERSION],
    )
    if (rows.length === 0) return rebuilt
    for (const row of rows) await recordThreadLink(db, row.threadId, row.kind, linkOf(row.url))
    rebuilt += rows.length
  }
}
