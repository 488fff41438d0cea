import type pg from 'pg'
import { EXCERPT_MAX_CHARS_RANGE, EXCERPT_PARAGRAPHS_RANGE } from '../limits.js'
import { setForumExcerpt } from '../db/forums.js'
import type { UserRow } from '../db/users.js'
import { AppError, badRequest, notFound } from '../errors.js'
import { isModerator } from './permissions.js'

function check(value: number | null, [min, max]: readonly [number, number], what: string): void {
  if (value !== null && (!Number.isInteger(value) || value < min || value > max)) {
    throw badRequest(
      'invalid_excerpt_setting',
      `${what} must be a whole number from ${min} to ${max}, or empty for the site default.`,
    )
  }
}

/** Forum settings are the moderators' to change. */
export const mayChangeForumSettings = (member: Pick<UserRow, 'id' | 'role'> | null) => isModerator(member)

/** Moderators set how much of an article a forum's digests quote; null restores the site default. */
export async function setForumExcerptSettings(
  pool: pg.Pool,
  member: UserRow,
  slug: string,
  paragraphs: number | null,
  maxChars: number | null,
): Promise<void> {
  if (!mayChangeForumSettings(member))
    throw new AppError(403, 'moderators_only', 'Only moderators can change a forum’s settings.')
  check(paragraphs, EXCERPT_PARAGRAPHS_RANGE, 'The number of paragraphs')
  check(maxChars, EXCERPT_MAX_CHARS_RANGE, 'The character limit')
  if (!(await setForumExcerpt(pool, slug, paragraphs, maxChars)))
    throw notFound('unknown_forum', `There is no forum called "${slug}".`)
}
