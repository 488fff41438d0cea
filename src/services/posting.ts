import type pg from 'pg'
import { withTransaction } from '../db/pool.js'
import { findForum } from '../db/forums.js'
import { notifyReply } from '../db/notifications.js'
import { createReply, type ReplyRow } from '../db/replies.js'
import { mentionsIn } from './notifications.js'
import { findThreadByLinkKeys, lockLinkKey, recordThreadLink } from '../db/links.js'
import { recordKnownSite } from '../db/known-sites.js'
import { screenLink, type ScreeningRules } from '../abuse/link-screen.js'
import { siteOf } from '../links/site.js'
import { createThread, findThread } from '../db/threads.js'
import { refuseDestination, type DestinationRules } from '../links/destination.js'
import { linkOf, type Link } from '../links/normalize.js'
import { readSubmittedUrl } from '../links/submitted-url.js'
import type { Config } from '../config.js'
import { badRequest, conflict, notFound } from '../errors.js'
import { findPostState } from '../db/thread-moderation.js'
import type { Queryable } from '../db/pool.js'
import { enqueueDigest, type DigestQueue } from '../queue/jobs.js'
import { COMMENT_MAX, REPLY_MAX, TITLE_MAX } from '../limits.js'

/** A submitted link as posted and keyed; refused with a clear 400 when it is not an http(s) URL. */
export function checkSubmittedUrl(raw: string): Link {
  const read = readSubmittedUrl(raw)
  if (read.problem) throw badRequest(read.problem === 'empty' ? 'missing_url' : 'invalid_url', read.message)
  return linkOf(read.url.href)
}

/** What the forum knows of its own rules when a link is posted. */
export interface PostingRules extends DestinationRules, ScreeningRules {
  /** A link posted again within this many days leads to the existing thread. */
  duplicateWindowDays: number
}

/** The rules for a post that came to `requestHost` (the Host header, port included). */
export const postingRulesFor = (config: Config, requestHost: string): PostingRules => ({
  duplicateWindowDays: config.duplicateWindowDays,
  allow: config.fetchAllowHosts,
  ownAddresses: [config.publicUrl, requestHost],
  newMemberDays: config.newMemberDays,
  follow: {
    allowHosts: config.fetchAllowHosts,
    userAgent: `Broadsheet/0.1 (+${config.publicUrl})`,
    // The member is waiting for the answer: a shortener is quick or not worth waiting for.
    timeoutMs: Math.min(config.fetchTimeoutMs, SHORTENER_TIMEOUT_MS),
    maxRedirects: config.fetchMaxRedirects,
  },
})

const SHORTENER_TIMEOUT_MS = 5000

export interface PostedThread {
  id: number
  /** The link was already a thread within the duplicate window: `id` is that thread. */
  duplicate: boolean
  /** On a duplicate, the poster's comment, kept as their reply on the existing thread. */
  commentReply?: ReplyRow
}

const normalizeText = (text: string) => text.replace(/\r\n?/g, '\n').trim()

/** The words posted with a link, tidied; null when there are none. */
export function checkComment(text: string): string | null {
  const comment = normalizeText(text) || null
  if (comment && comment.length > COMMENT_MAX) {
    throw badRequest('comment_too_long', `Comments are at most ${COMMENT_MAX} characters long.`)
  }
  return comment
}

/**
 * Writes the thread (pending) in one transaction, then queues its digest. A
 * link already posted within the duplicate window gives the existing thread
 * instead, and the poster's comment becomes their reply there (in the same
 * transaction, so it is never lost). Posts of one link are serialised on its
 * key, so two members posting it at the same moment still make one thread.
 * If queueing fails the thread is still stored; the worker's sweep picks it up.
 */
export async function postThread(
  pool: pg.Pool,
  queue: DigestQueue,
  input: {
    forum: string
    url: string
    comment?: string | undefined
    title?: string | undefined
    author: { id: number; createdAt: Date }
  },
  rules: PostingRules,
  onQueueError: (err: unknown) => void,
): Promise<PostedThread> {
  const submitted = checkSubmittedUrl(input.url)
  const comment = checkComment(input.comment ?? '')
  // A headline hint (the page's title, from the bookmarklet): one line, shown until the digest's own.
  const title = (input.title ?? '').replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX) || null
  const forum = await findForum(pool, input.forum)
  if (!forum) throw notFound('unknown_forum', `There is no forum called "${input.forum}".`)
  const link = await screenLink(pool, submitted, input.author, rules)
  const authorId = input.author.id
  const refused = await refuseDestination(new URL(link.url), rules)
  if (refused) throw badRequest(refused.reason, refused.message)
  const posted = await withTransaction(pool, async (tx): Promise<PostedThread> => {
    await lockLinkKey(tx, link.key)
    const earlier = await findThreadByLinkKeys(tx, [link.key], rules.duplicateWindowDays)
    if (earlier?.withinWindow) {
      if (!comment) return { id: earlier.id, duplicate: true }
      await checkThreadOpen(tx, earlier.id)
      const reply = await createReply(tx, {
        threadId: earlier.id,
        parentId: null,
        authorId,
        body: comment,
      })
      if (reply) await notifyReply(tx, { ...reply, authorId }, mentionsIn(comment))
      return { id: earlier.id, duplicate: true, ...(reply ? { commentReply: reply } : {}) }
    }
    const id = await createThread(tx, {
      forumId: forum.id,
      authorId,
      url: link.url,
      comment,
      title,
      previousThreadId: earlier?.id ?? null,
    })
    await recordThreadLink(tx, id, 'submitted', link)
    await recordKnownSite(tx, siteOf(new URL(link.url).hostname))
    return { id, duplicate: false }
  })
  if (!posted.duplicate) await enqueueDigest(queue, posted.id).catch(onQueueError)
  return posted
}

/** A reply's text as stored: line breaks made one, trimmed, and refused when empty or too long. */
export function checkReplyBody(text: string): string {
  const body = normalizeText(text)
  if (body === '') throw badRequest('empty_reply', 'Write something before posting your reply.')
  if (body.length > REPLY_MAX) throw badRequest('reply_too_long', `Replies are at most ${REPLY_MAX} characters long.`)
  return body
}

/**
 * Refuses a reply to a locked or hidden thread (409), reading the thread's state locked in the
 * reply's transaction: a lock set meanwhile waits for the reply, or the reply for the lock.
 */
async function checkThreadOpen(tx: Queryable, threadId: number): Promise<void> {
  const state = await findPostState(tx, { kind: 'thread', id: threadId }, true)
  if (state?.hiddenBy) throw conflict('thread_hidden', 'This thread is hidden; it takes no replies.')
  if (state?.lockedAt) throw conflict('thread_locked', 'This thread is locked: it takes no new replies.')
}

export async function postReply(
  pool: pg.Pool,
  input: { threadId: number; parentId?: number | undefined; body: string; authorId: number },
): Promise<ReplyRow> {
  const body = checkReplyBody(input.body)
  const thread = await findThread(pool, input.threadId)
  if (!thread) throw notFound('unknown_thread', `There is no thread ${input.threadId}.`)
  const reply = await withTransaction(pool, async (tx) => {
    await checkThreadOpen(tx, input.threadId)
    const created = await createReply(tx, {
      threadId: input.threadId,
      parentId: input.parentId ?? null,
      authorId: input.authorId,
      body,
    })
    if (created) await notifyReply(tx, { ...created, authorId: input.authorId }, mentionsIn(body))
    return created
  })
  if (!reply) throw badRequest('unknown_parent', `Reply ${input.parentId} is not in this thread.`)
  return reply
}
