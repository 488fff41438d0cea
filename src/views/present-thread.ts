import type pg from 'pg'
import type { MemberReplyRow, PagedReplyRow, ReplyRow } from '../db/replies.js'
import { findThreadView, type ThreadView } from '../db/thread-view.js'
import type { RelatedThread, ThreadRow, ThreadStatus } from '../db/threads.js'
import { AppError, notFound } from '../errors.js'
import { hiddenStub } from '../render/helpers.js'
import { displayName, FORMER_MEMBER } from '../services/leaving.js'
import type { TimePrecision } from '../extract/dates.js'
import { MAX_DISTANCE } from '../extract/fingerprint.js'
import { sourceUrlOf } from '../links/source-url.js'
import { nestReplies, replyPage, replyPath, type NestedReply, type PlacedReply } from './reply-tree.js'
import { threadPath } from './thread-path.js'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** A source's time as the API gives it: the date alone ("2016-04-06") when the source never said its zone. */
const datelineTime = (d: Date | null, precision: TimePrecision) =>
  d && precision === 'date' ? d.toISOString().slice(0, 10) : iso(d)

const related = (r: RelatedThread | null | undefined) =>
  r ? { id: r.id, title: r.title, createdAt: r.createdAt.toISOString() } : null

const isWaitingStatus = (status: ThreadStatus) => status === 'pending' || status === 'fetching'

/** The headline, or what stands in for it while there is none (a failed thread says so). */
export function headingOf(t: Pick<ThreadRow, 'title' | 'status' | 'submittedUrl'>): string {
  if (t.title) return t.title
  const host = new URL(t.submittedUrl).hostname
  if (t.status === 'failed') return `${host} could not be fetched`
  return isWaitingStatus(t.status) ? `Fetching the article from ${host}…` : host
}

/** What a single-thread view shows beside the thread; lists of threads go without. */
export type ThreadExtras = Partial<Omit<ThreadView, 'thread'>>

/**
 * A thread as readers see it, for the API and the pages alike. Its enumerable
 * fields are what the API sends; the pages also read the display fields
 * (heading, crumb, group) and ask what a member may do, so no template repeats
 * a rule of the services. Those are not enumerable, so JSON and the response
 * schemas (additionalProperties: false) never see them.
 */
export function presentThread(t: ThreadRow, extras: ThreadExtras = {}) {
  const { earlierCopy, syndicatedCopy, revisions = [] } = extras
  const isWaiting = isWaitingStatus(t.status)
  const isFailed = t.status === 'failed'
  const heading = headingOf(t)
  const fields = {
    id: t.id,
    status: t.status,
    ...(isFailed
      ? { error: t.errorMessage ?? 'The digest could not be made.', errorReason: t.errorReason ?? 'unknown' }
      : {}),
    title: t.title,
    byline: t.byline,
    siteName: t.siteName,
    lang: t.lang,
    imageUrl: t.imageUrl,
    publishedTime: datelineTime(t.publishedTime, t.publishedTimePrecision),
    publishedTimePrecision: t.publishedTime ? t.publishedTimePrecision : null,
    modifiedTime: datelineTime(t.modifiedTime, t.modifiedTimePrecision),
    modifiedTimePrecision: t.modifiedTime ? t.modifiedTimePrecision : null,
    standfirst: t.standfirst,
    excerpt: t.excerpt,
    sourceUrl: sourceUrlOf(t),
    submittedUrl: t.submittedUrl,
    comment: t.comment,
    commentEditedAt: iso(t.commentEditedAt),
    forum: t.forumSlug,
    forumName: t.forumName,
    author: { username: t.authorName, postCount: t.authorPostCount, star: t.authorStar },
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    replyCount: t.replyCount,
    recCount: t.recCount,
    lastReplyBy: t.lastReplyBy,
    lastReplyStar: t.lastReplyStar,
    paywalled: t.paywalled,
    sourceUpdatedAt: iso(t.sourceUpdatedAt),
    history: revisions.map((r) => ({
      title: r.title,
      modifiedTime: iso(r.modifiedTime),
      replacedAt: r.replacedAt.toISOString(),
    })),
    editedBy: t.editedBy,
    editedAt: iso(t.editedAt),
    previousThread: related(
      t.previousId ? { id: t.previousId, title: t.previousTitle, createdAt: t.previousCreatedAt! } : null,
    ),
    earlierCopy: related(earlierCopy),
    alsoPostedAs: related(syndicatedCopy),
    locked: t.lockedAt !== null,
    pinned: t.pinnedAt !== null,
  }
  const forPages = {
    isWaiting,
    isFailed,
    /** The headline, or what stands in for it while there is none. */
    heading,
    /** The breadcrumb's last step: short, and it says when the fetch failed. */
    /** The standfirst, shown under the headline unless the excerpt opens with it. */
    subtitle: t.standfirst && !t.excerpt[0]?.startsWith(t.standfirst) ? t.standfirst : null,
    crumb: isFailed ? 'Could not be fetched' : isWaiting && !t.title ? 'Fetching…' : heading,
    groupSlug: t.groupSlug,
    groupName: t.groupName,
    /** Who may look after the digest (src/views/member-slots.ts asks the rule per reader). */
    authorId: t.authorId,
    /** The thread page's address, its headline's slug in it. */
    path: threadPath(t.id, t.title),
    forumId: t.forumId,
    /** Who hid the thread: its page shows a stub saying so instead of anything posted. */
    hiddenBy: t.hiddenBy,
  }
  for (const [name, value] of Object.entries(forPages))
    Object.defineProperty(fields, name, { value, enumerable: false })
  return fields as typeof fields & typeof forPages
}

/** Loads one thread's view (404 when there is none); the duplicate window bounds its earlier copies. */
export async function loadThreadView(pool: pg.Pool, id: number, duplicateWindowDays: number): Promise<ThreadView> {
  const view = await findThreadView(pool, id, duplicateWindowDays, MAX_DISTANCE)
  if (!view) throw notFound('unknown_thread', `There is no thread ${id}.`)
  return view
}

/** A hidden thread is gone from the API: 410, saying who hid it, and nothing it said. */
export function refuseHiddenThread(t: Pick<ThreadRow, 'id' | 'hiddenBy'>): void {
  if (t.hiddenBy) throw new AppError(410, 'thread_hidden', `Thread ${t.id} was hidden: ${hiddenStub(t.hiddenBy)}`)
}

/** One thread as the API shows it (410 when hidden). */
export async function presentThreadById(pool: pg.Pool, id: number, duplicateWindowDays: number) {
  const { thread, ...extras } = await loadThreadView(pool, id, duplicateWindowDays)
  refuseHiddenThread(thread)
  return presentThread(thread, extras)
}

/** A reply as everyone sees it: a hidden one keeps its place, but not its text. */
export function presentReply(r: ReplyRow) {
  return {
    id: r.id,
    threadId: r.threadId,
    parentId: r.parentId,
    body: r.hiddenBy ? '' : r.body,
    author: { username: r.authorName, postCount: r.authorPostCount, star: r.authorStar },
    createdAt: r.createdAt.toISOString(),
    editedAt: iso(r.editedAt),
    deleted: r.deletedAt !== null,
    hidden: r.hiddenBy,
  }
}

export type PresentedReply = ReturnType<typeof presentReply> & {
  /** Replies folded with it. */
  folded: number
  /** Whom it answers, for a reply shown away from what it answers. */
  inReplyTo: { username: string; href: string } | undefined
  answers: PresentedReply[]
}

/** One page of a thread's replies, nested as the page shows them (views/reply-tree.ts). */
export function presentReplyPage(
  threadAddress: string,
  order: readonly PlacedReply[],
  page: number,
  rows: readonly PagedReplyRow[],
): PresentedReply[] {
  const placed = replyPage(order, page)
  const onPage = new Set(placed.map((p) => p.id))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const present = (node: NestedReply): PresentedReply[] => {
    const answers = node.answers.flatMap(present)
    const row = byId.get(node.place.id)
    // Gone between reading the tree and the replies: its answers take its place.
    if (!row) return answers
    const parentId = row.parentId
    const inReplyTo =
      node.apart && parentId !== null
        ? {
            username: row.parentAuthorName === null ? FORMER_MEMBER : displayName(row.parentAuthorName),
            href: onPage.has(parentId) ? `#reply-${parentId}` : replyPath(threadAddress, order, parentId),
          }
        : undefined
    return [{ ...presentReply(row), folded: node.place.descendants, inReplyTo, answers }]
  }
  return nestReplies(placed).flatMap(present)
}

/** A reply on its author's page: where it was said, and what. */
export function presentMemberReply(r: MemberReplyRow) {
  return {
    id: r.id,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    thread: {
      id: r.threadId,
      heading: headingOf({ title: r.threadTitle, status: r.threadStatus, submittedUrl: r.threadUrl }),
      isFailed: r.threadStatus === 'failed',
    },
  }
}
