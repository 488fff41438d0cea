import type { ModerationNotice, NotificationRow } from '../db/notifications.js'
import { headingOf } from './present-thread.js'

/** What a moderator's action did to the member's post or account, in words, by the log's action. */
const MODERATED: Record<string, (n: ModerationNotice) => string> = {
  hide_thread: () => 'A moderator hid your thread',
  unhide_thread: () => 'A moderator showed your thread again',
  lock: () => 'A moderator locked your thread: it takes no new replies',
  unlock: () => 'A moderator unlocked your thread',
  pin: () => 'A moderator pinned your thread to the top of its forum',
  unpin: () => 'A moderator unpinned your thread',
  move: (n) => `A moderator moved your thread${n.details.toForum ? ` to the forum ${n.details.toForum}` : ''}`,
  hide_reply: () => 'A moderator hid your reply in this thread',
  unhide_reply: () => 'A moderator showed your reply in this thread again',
  suspend: (n) =>
    `A moderator suspended you${n.details.until ? ` until ${n.details.until.slice(0, 16).replace('T', ' ')} UTC` : ''}: you can read, but not post, reply, recommend or alert`,
}

const presentModeration = (n: ModerationNotice) => ({
  action: n.action,
  summary: (MODERATED[n.action] ?? (() => `A moderator acted on your post (${n.action})`))(n),
  reason: n.reason,
})

/** A notification as the inbox and the API show it. */
export const presentNotification = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind,
  jury: n.juryId === null ? null : { id: n.juryId, status: n.juryStatus!, outcomeReason: n.juryReason },
  moderation: n.moderation && presentModeration(n.moderation),
  thread:
    n.threadId === null
      ? null
      : {
          id: n.threadId,
          heading: headingOf({ title: n.threadTitle, status: 'ready', submittedUrl: n.threadUrl! }),
        },
  replies: n.replies,
  lastBy: n.lastActor,
  reasons: n.reasons,
  updatedAt: n.updatedAt.toISOString(),
  read: n.readAt !== null,
})
