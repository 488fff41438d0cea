import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { listReplyLinks } from '../../db/replies.js'
import { countUnread, listNotifications, markAllRead, openNotification, setWatch } from '../../db/notifications.js'
import { notFound } from '../../errors.js'
import { IdParams } from '../../schemas/common.js'
import { presentNotification } from '../../views/present-notification.js'
import { replyPath, treeOrder } from '../../views/reply-tree.js'
import { eventStreams } from '../event-streams.js'
import { loginRedirect, renderPage } from './render.js'
import { threadAddress } from './thread-address.js'

/** Notifications shown in the inbox. */
export const INBOX_SIZE = 50

/** Each open stream reads the count again this often, in case a notice was missed while the listener reconnected. */
const HEARTBEAT_MS = 15_000

/** The inbox, its live count, opening a notification, "mark all read", and a thread's Watch / Unwatch. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const openStream = eventStreams(app)

  /**
   * Server-Sent Events for the header's Inbox link: `event: unread`, data `{"unread": N}`, now and
   * whenever the member's notifications change (from any process), until the page is left.
   */
  app.get('/notifications/events', async (request, reply) => {
    const member = request.member
    if (!member) return reply.status(401).type('text/plain').send('Log in first.')
    let last = -1
    const send = (): Promise<void> =>
      countUnread(app.pool, member.id).then(
        (unread) => {
          if (unread === last || res.writableEnded) return
          last = unread
          res.write(`event: unread\ndata: ${JSON.stringify({ unread })}\n\n`)
        },
        (err: unknown) => request.log.warn({ err }, 'could not count unread notifications'),
      )
    const unsubscribe = app.onMemberNotice(member.id, () => void send())
    const { res } = openStream(reply, { heartbeatMs: HEARTBEAT_MS, onHeartbeat: () => void send(), onEnd: unsubscribe })
    await send()
  })

  app.get('/notifications', async (request, reply) => {
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    const rows = await listNotifications(app.pool, request.member.id, INBOX_SIZE)
    return renderPage(request, reply, 'notifications', { title: 'Inbox', notifications: rows.map(presentNotification) })
  })

  // Opening marks it read and leads to the first reply it tells of, or to the jury.
  app.get(
    '/notifications/:id',
    { schema: { params: IdParams }, config: { changesMember: true } },
    async (request, reply) => {
      if (!request.member) return reply.redirect(loginRedirect(request), 303)
      const opened = await openNotification(app.pool, request.member.id, request.params.id)
      if (!opened) throw notFound('unknown_notification', 'There is no such notification in your inbox.')
      if (opened.juryId !== null) return reply.redirect(`/juries/${opened.juryId}`, 303)
      // A moderator's action leads to the post it was about (its poster can open it there while it
      // is hidden), or to the public log for a suspension.
      if (opened.threadId === null) return reply.redirect('/moderation/log', 303)
      const replyId = opened.kind === 'moderation' ? opened.logReplyId : opened.firstReplyId
      const address = await threadAddress(app.pool, opened.threadId)
      if (replyId === null) return reply.redirect(address, 303)
      return reply.redirect(
        replyPath(address, treeOrder(await listReplyLinks(app.pool, opened.threadId)), replyId),
        303,
      )
    },
  )

  app.post('/notifications/read', async (request, reply) => {
    if (!request.member) return reply.redirect('/login?next=%2Fnotifications', 303)
    await markAllRead(app.pool, request.member.id)
    return reply.redirect('/notifications', 303)
  })

  const watch =
    (watching: boolean) => async (request: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply) => {
      const threadId = request.params.id
      const address = await threadAddress(app.pool, threadId)
      if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(address)}`, 303)
      if (!(await setWatch(app.pool, request.member.id, threadId, watching)))
        throw notFound('unknown_thread', `There is no thread ${threadId}.`)
      return reply.redirect(`${address}#recs`, 303)
    }
  app.post('/threads/:id/watch', { schema: { params: IdParams } }, watch(true))
  app.post('/threads/:id/unwatch', { schema: { params: IdParams } }, watch(false))
}

export default notificationRoutes
