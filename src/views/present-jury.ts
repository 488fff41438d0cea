import type { QueueAlert, QueueJury } from '../db/moderation-queue.js'
import { ALERT_REASONS } from '../services/juries.js'
import type { JuryView, ModerationQueue } from '../services/jury-view.js'
import { headingOf } from './present-thread.js'

const heading = (p: { threadTitle: string | null; threadStatus: string; threadUrl: string }) =>
  headingOf({ title: p.threadTitle, status: p.threadStatus as 'ready', submittedUrl: p.threadUrl })

/** Where the post is: its thread page, at the reply. */
const postHref = (threadId: number, replyId: number | null) =>
  replyId === null ? `/threads/${threadId}` : `/replies/${replyId}`

/**
 * A jury as the API and its page show it. The running tally is kept from jurors until the verdict
 * (so the first votes do not sway the rest); moderators see it throughout.
 */
export function presentJury(v: JuryView) {
  const { jury, post } = v
  const decided = jury.status !== 'open'
  return {
    id: jury.id,
    status: jury.status,
    outcomeReason: jury.outcomeReason,
    size: jury.size,
    votes: decided || v.moderates ? { hide: jury.hideVotes, leave: jury.leaveVotes } : null,
    closesAt: jury.closesAt.toISOString(),
    decidedAt: jury.decidedAt?.toISOString() ?? null,
    post: {
      kind: jury.replyId === null ? ('thread' as const) : ('reply' as const),
      threadId: jury.threadId,
      replyId: jury.replyId,
      href: postHref(jury.threadId, jury.replyId),
      // A hidden thread's headline is what was hidden: only those who may read it get it.
      heading: post.threadHidden && post.threadTitle === null ? 'Hidden thread' : heading(post),
      forum: { slug: post.forumSlug, name: post.forumName },
      poster: post.posterName,
      body: post.body ?? '',
      hiddenBy: post.hiddenBy,
      postedAt: post.postedAt.toISOString(),
      parent: post.parent && {
        author: post.parent.authorName,
        body: post.parent.deleted ? '' : post.parent.body,
        hidden: post.parent.hidden,
      },
    },
    reasons: v.reasons.map((r) => ({
      reason: r.reason,
      label: ALERT_REASONS[r.reason],
      count: r.count,
      notes: r.notes,
    })),
    explanations: v.explanations,
    you: {
      juror: v.seat?.status ?? null,
      vote: v.seat?.vote ?? null,
      alerted: v.ownAlert !== null,
      poster: v.isPoster,
      moderator: v.moderates,
    },
  }
}

const presentQueuePost = (p: QueueAlert | QueueJury) => ({
  juryId: p.juryId,
  threadId: p.threadId,
  replyId: p.replyId,
  href: postHref(p.threadId, p.replyId),
  heading: heading(p),
  forum: { slug: p.forumSlug, name: p.forumName },
  poster: p.posterName,
})

const presentQueueJury = (j: QueueJury) => ({
  ...presentQueuePost(j),
  status: j.status,
  outcomeReason: j.outcomeReason,
  size: j.size,
  votes: { hide: j.hideVotes, leave: j.leaveVotes },
  waiting: j.waiting,
  alerts: j.alerts,
  closesAt: j.closesAt.toISOString(),
  decidedAt: j.decidedAt?.toISOString() ?? null,
})

export const presentModerationQueue = (q: ModerationQueue) => ({
  alerts: q.alerts.map((a) => ({
    ...presentQueuePost(a),
    id: a.id,
    reason: a.reason,
    label: ALERT_REASONS[a.reason],
    note: a.note,
    alerter: a.alerterName,
    createdAt: a.createdAt.toISOString(),
  })),
  juries: q.juries.map(presentQueueJury),
  decisions: q.decisions.map(presentQueueJury),
  /** The jury to page on from (`?before=`) for older decisions; null on the last page. */
  olderBefore: q.older ?? null,
})
