import type { Queryable } from './pool.js'

export interface ForumRow {
  id: number
  slug: string
  name: string
  description: string
  groupSlug: string
  groupName: string
  threadCount: number
  lastActivityAt: Date | null
  excerptParagraphs: number | null
  excerptMaxChars: number | null
}

const FORUM_SELECT = `
  SELECT f.id, f.slug, f.name, f.description, g.slug AS "groupSlug", g.name AS "groupName",
         f.thread_count AS "threadCount", f.last_activity_at AS "lastActivityAt",
         f.excerpt_paragraphs AS "excerptParagraphs", f.excerpt_max_chars AS "excerptMaxChars"
  FROM forums f JOIN forum_groups g ON g.id = f.group_id`

export async function listForums(db: Queryable): Promise<ForumRow[]> {
  const { rows } = await db.query<ForumRow>({ name: 'forums', text: `${FORUM_SELECT} ORDER BY g.position, f.position` })
  return rows
}

export async function findForum(db: Queryable, slug: string): Promise<ForumRow | undefined> {
  const { rows } = await db.query<ForumRow>({
    name: 'forum',
    text: `${FORUM_SELECT} WHERE f.slug = $1`,
    values: [slug],
  })
  return rows[0]
}

/** A forum's own excerpt settings; null goes back to the site-wide default. */
export async function setForumExcerpt(
  db: Queryable,
  slug: string,
  paragraphs: number | null,
  maxChars: number | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE forums SET excerpt_paragraphs = $2, excerpt_max_chars = $3 WHERE slug = $1',
    [slug, paragraphs, maxChars],
  )
  return rowCount === 1
}
