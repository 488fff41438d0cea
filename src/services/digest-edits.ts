import type pg from 'pg'
import { editDigest, findThread, resetFailedThread, type ThreadRow } from '../db/threads.js'
import type { UserRow } from '../db/users.js'
import { AppError, badRequest, conflict, notFound } from '../errors.js'
import { EXCERPT_EDIT_PARAGRAPHS_MAX, EXCERPT_PARAGRAPH_MAX, TITLE_MAX, TITLE_MIN } from '../limits.js'
import { requeueDigest, type DigestQueue } from '../queue/jobs.js'
import { isModerator } from './permissions.js'

/** The poster looks after their own thread's digest; moderators after every thread's. */
export const mayChangeDigest = (member: Pick<UserRow, 'id' | 'role'>, authorId: number) =>
  member.id === authorId || isModerator(member)

export async function loadThreadFor(pool: pg.Pool, member: UserRow, id: number): Promise<ThreadRow> {
  const thread = await findThread(pool, id)
  if (!thread) throw notFound('unknown_thread', `There is no thread ${id}.`)
  if (!mayChangeDigest(member, thread.authorId)) {
    throw new AppError(403, 'not_yours', 'Only the member who posted this link, or a moderator, can change its digest.')
  }
  return thread
}

/** Text from a textarea: paragraphs are separated by blank lines (checkDigestEdit tidies each one). */
export const paragraphsOf = (text: string) => text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)

export function checkDigestEdit(title: string, excerpt: string[]): { title: string; excerpt: string[] } {
  const cleanTitle = title.replace(/\s+/g, ' ').trim()
  if (cleanTitle.length < TITLE_MIN || cleanTitle.length > TITLE_MAX) {
    throw badRequest('invalid_title', `Headlines are ${TITLE_MIN} to ${TITLE_MAX} characters long.`)
  }
  const paragraphs = excerpt.map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '')
  if (paragraphs.length === 0) throw badRequest('empty_excerpt', 'Quote at least one paragraph of the article.')
  if (paragraphs.length > EXCERPT_EDIT_PARAGRAPHS_MAX) {
    throw badRequest(
      'excerpt_too_long',
      `Quote at most ${EXCERPT_EDIT_PARAGRAPHS_MAX} paragraphs; the rest is what more... is for.`,
    )
  }
  if (paragraphs.some((p) => p.length > EXCERPT_PARAGRAPH_MAX)) {
    throw badRequest('paragraph_too_long', `Each quoted paragraph is at most ${EXCERPT_PARAGRAPH_MAX} characters long.`)
  }
  return { title: cleanTitle, excerpt: paragraphs }
}

export async function editThreadDigest(
  pool: pg.Pool,
  member: UserRow,
  id: number,
  title: string,
  excerpt: string[],
): Promise<void> {
  const thread = await loadThreadFor(pool, member, id)
  if (thread.status === 'pending' || thread.status === 'fetching') {
    throw conflict('digest_in_progress', 'The digest is still being made; edit it once it is ready or has failed.')
  }
  const edit = checkDigestEdit(title, excerpt)
  await editDigest(pool, id, member.id, edit.title, edit.excerpt)
}

export async function retryThreadDigest(pool: pg.Pool, queue: DigestQueue, member: UserRow, id: number): Promise<void> {
  await loadThreadFor(pool, member, id)
  if (!(await resetFailedThread(pool, id)))
    throw conflict('not_failed', 'Only a digest that failed can be tried again.')
  await requeueDigest(queue, id)
}
