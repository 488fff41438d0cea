import type { Queryable } from './pool.js'

/** The names a member ignores, in the order they were added. */
export async function listIgnored(db: Queryable, memberId: number): Promise<string[]> {
  const { rows } = await db.query<{ username: string }>({
    name: 'ignored',
    text: `SELECT u.username FROM ignores i JOIN users u ON u.id = i.ignored_id
           WHERE i.member_id = $1 ORDER BY i.created_at, u.id`,
    values: [memberId],
  })
  return rows.map((r) => r.username)
}

/** Adds (or removes) a name to a member's ignore list; false when there is no such member. */
export async function setIgnored(
  db: Queryable,
  memberId: number,
  username: string,
  ignored: boolean,
): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM users WHERE lower(username) = lower($1)', [username])
  const other = rows[0]?.id
  if (other === undefined) return false
  if (ignored)
    await db.query('INSERT INTO ignores (member_id, ignored_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      memberId,
      other,
    ])
  else await db.query('DELETE FROM ignores WHERE member_id = $1 AND ignored_id = $2', [memberId, other])
  return true
}
