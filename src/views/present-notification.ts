import type { NotificationRow } from '../db/notifications.js'
import { headingOf } from './present-thread.js'

/** A notification as the inbox and the API show it. */
export const presentNotification = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind,
  jury: n.juryId === null ? null : { id: n.juryId, status: n.juryStatus! },
  thread: { id: n.threadId, heading: headingOf({ title: n.threadTitle, status: 'ready', submittedUrl: n.threadUrl }) },
  replies: n.replies,
  lastBy: n.lastActor,
  reasons: n.reasons,
  updatedAt: n.updatedAt.toISOString(),
  read: n.readAt !== null,
})
