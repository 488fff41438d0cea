import type pg from 'pg'
import type { ReplyRow } from '../db/replies.js'
import { findEarlierCopy, findSyndicatedCopy, findThread, type RelatedThread, type ThreadRow } from '../db/threads.js'
import { MAX_DISTANCE } from '../links/simhash.js'
import { notFound } from '../errors.js'
import { listRevisions, type Revision } from '../db/refresh.js'

/** Where `more...` points: the page's own canonical URL, else where the redirects ended, else what was posted. */
export const sourceUrlOf = (t: Pick<ThreadRow, 'canonicalUrl' | 'finalUrl' | 'submittedUrl'>) =>
  t.canonicalUrl ?? t.finalUrl ?? t.submittedUrl

const iso = (d: Date | null) => (d ? d.toISOString() : null)

const related = (r: RelatedThread | null | undefined) => (r ? { id: r.id, title: r.title, createdAt: r.createdAt.toISOString() } : null)

/** Extras a single-thread view looks up: an earlier copy of the story, the headlines the source had before. */
export interface ThreadExtras {
  earlierCopy?: RelatedThread | undefined
  /** The same story from another link (nearly the same article text). */
  syndicatedCopy?: RelatedThread | undefined
  revisions?: Revision[]
}

export function presentThread(t: ThreadRow, extras: ThreadExtras = {}) {
  const { earlierCopy, syndicatedCopy, revisions = [] } = extras
  return {
    id: t.id,
    status: t.status,
    ...(t.status === 'failed' ? { error: t.errorMessage ?? 'The digest could not be made.', errorReason: t.errorReason ?? 'unknown' } : {}),
    title: t.title,
    byline: t.byline,
    siteName: t.siteName,
    lang: t.lang,
    imageUrl: t.imageUrl,
    publishedTime: iso(t.publishedTime),
    modifiedTime: iso(t.modifiedTime),
    excerpt: t.excerpt,
    sourceUrl: sourceUrlOf(t),
    submittedUrl: t.submittedUrl,
    comment: t.comment,
    forum: t.forumSlug,
    forumName: t.forumName,
    author: { username: t.authorName, postCount: t.authorPostCount },
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    replyCount: t.replyCount,
    paywalled: t.paywalled,
    sourceUpdatedAt: iso(t.sourceUpdatedAt),
    history: revisions.map((r) => ({ title: r.title, modifiedTime: iso(r.modifiedTime), replacedAt: r.replacedAt.toISOString() })),
    editedBy: t.editedBy,
    editedAt: iso(t.editedAt),
    previousThread: related(t.previousId ? { id: t.previousId, title: t.previousTitle, createdAt: t.previousCreatedAt! } : null),
    earlierCopy: related(earlierCopy),
    alsoPostedAs: related(syndicatedCopy),
  }
}

/** The API's view of one thread, with the earlier copy of its story if there is one. */
export async function presentThreadById(pool: pg.Pool, id: number, duplicateWindowDays: number) {
  const thread = await findThread(pool, id)
  if (!thread) throw notFound('unknown_thread', `There is no thread ${id}.`)
  return presentThread(thread, await loadThreadExtras(pool, id, duplicateWindowDays))
}

/** What a single-thread view shows beside the thread itself. */
export async function loadThreadExtras(pool: pg.Pool, id: number, duplicateWindowDays: number): Promise<ThreadExtras> {
  const [earlierCopy, syndicatedCopy, revisions] = await Promise.all([
    findEarlierCopy(pool, id, duplicateWindowDays),
    findSyndicatedCopy(pool, id, duplicateWindowDays, MAX_DISTANCE),
    listRevisions(pool, id),
  ])
  // A thread on the very same link is named once, as the earlier copy.
  return { earlierCopy, syndicatedCopy: syndicatedCopy?.id === earlierCopy?.id ? undefined : syndicatedCopy, revisions }
}

export function presentReply(r: ReplyRow) {
  return {
    id: r.id,
    threadId: r.threadId,
    parentId: r.parentId,
    body: r.body,
    author: { username: r.authorName, postCount: r.authorPostCount },
    createdAt: r.createdAt.toISOString(),
  }
}
