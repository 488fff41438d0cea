import type { ReplyRow } from '../db/replies.js'
import type { RelatedThread, ThreadRow } from '../db/threads.js'

/** Where `more...` points: the page's own canonical URL, else where the redirects ended, else what was posted. */
export const sourceUrlOf = (t: Pick<ThreadRow, 'canonicalUrl' | 'finalUrl' | 'submittedUrl'>) =>
  t.canonicalUrl ?? t.finalUrl ?? t.submittedUrl

const iso = (d: Date | null) => (d ? d.toISOString() : null)

const related = (r: RelatedThread | null | undefined) => (r ? { id: r.id, title: r.title, createdAt: r.createdAt.toISOString() } : null)

/** `earlierCopy`: an earlier thread on the same story, when the caller looked it up (thread views do). */
export function presentThread(t: ThreadRow, earlierCopy?: RelatedThread) {
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
    previousThread: related(t.previousId ? { id: t.previousId, title: t.previousTitle, createdAt: t.previousCreatedAt! } : null),
    earlierCopy: related(earlierCopy),
  }
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
