import type pg from 'pg'
import { withTransaction } from '../db/pool.js'
import { findForum } from '../db/forums.js'
import { createReply, type ReplyRow } from '../db/replies.js'
import { findThreadByLinkKeys, lockLinkKey, recordThreadLink } from '../db/links.js'
import { createThread, findThread } from '../db/threads.js'
import { linkKey } from '../links/normalize.js'
import { badRequest, notFound } from '../errors.js'
import { enqueueDigest, type DigestQueue } from '../queue/jobs.js'
import { COMMENT_MAX, REPLY_MAX, URL_MAX } from '../limits.js'

/** A submitted link must be an absolute http(s) URL; the fetcher checks where it points. */
export function checkSubmittedUrl(raw: string): string {
  const value = raw.trim()
  if (value === '') throw badRequest('missing_url', 'Paste the link of a news article.')
  if (value.length > URL_MAX) throw badRequest('invalid_url', `Links are at most ${URL_MAX} characters long.`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw badRequest('invalid_url', `"${value}" is not a web address; paste a link starting with https://.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest('invalid_url', 'Only http:// and https:// links can be posted.')
  }
  if (url.username || url.password)
    throw badRequest('invalid_url', 'Links with a user name or password cannot be posted.')
  return url.href
}

export interface PostedThread {
  id: number
  /** The link was already a thread within the duplicate window: `id` is that thread. */
  duplicate: boolean
}

/**
 * Writes the thread (pending) in one transaction, then queues its digest. A
 * link already posted within `duplicateWindowDays` gives the existing thread
 * instead; posts of one link are serialised on its key, so two members
 * posting it at the same moment still make one thread. If queueing fails the
 * thread is still stored; the worker's sweep picks it up.
 */
export async function postThread(
  pool: pg.Pool,
  queue: DigestQueue,
  input: { forum: string; url: string; comment?: string | undefined; authorId: number; duplicateWindowDays: number },
  onQueueError: (err: unknown) => void,
): Promise<PostedThread> {
  const url = checkSubmittedUrl(input.url)
  const comment = input.comment?.trim() || null
  if (comment && comment.length > COMMENT_MAX) {
    throw badRequest('comment_too_long', `Comments are at most ${COMMENT_MAX} characters long.`)
  }
  const forum = await findForum(pool, input.forum)
  if (!forum) throw notFound('unknown_forum', `There is no forum called "${input.forum}".`)
  const key = linkKey(url)
  const posted = await withTransaction(pool, async (tx): Promise<PostedThread> => {
    await lockLinkKey(tx, key)
    const earlier = await findThreadByLinkKeys(tx, [key], input.duplicateWindowDays)
    if (earlier?.withinWindow) return { id: earlier.id, duplicate: true }
    const id = await createThread(tx, {
      forumId: forum.id,
      authorId: input.authorId,
      url,
      comment,
      previousThreadId: earlier?.id ?? null,
    })
    await recordThreadLink(tx, id, 'submitted', url)
    return { id, duplicate: false }
  })
  if (!posted.duplicate) await enqueueDigest(queue, posted.id).catch(onQueueError)
  return posted
}

export async function postReply(
  pool: pg.Pool,
  input: { threadId: number; parentId?: number | undefined; body: string; authorId: number },
): Promise<ReplyRow> {
  const body = input.body.replace(/\r\n?/g, '\n').trim()
  if (body === '') throw badRequest('empty_reply', 'Write something before posting your reply.')
  if (body.length > REPLY_MAX) throw badRequest('reply_too_long', `Replies are at most ${REPLY_MAX} characters long.`)
  const thread = await findThread(pool, input.threadId)
  if (!thread) throw notFound('unknown_thread', `There is no thread ${input.threadId}.`)
  const reply = await withTransaction(pool, (tx) =>
    createReply(tx, { threadId: input.threadId, parentId: input.parentId ?? null, authorId: input.authorId, body }),
  )
  if (!reply) throw badRequest('unknown_parent', `Reply ${input.parentId} is not in this thread.`)
  return reply
}
