import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findForum, listForums } from '../../db/forums.js'
import { listModerationLog } from '../../db/moderation.js'
import { notFound } from '../../errors.js'
import { MODERATION_LOG_PAGE } from '../../limits.js'
import { LogQuery } from '../../schemas/moderation.js'
import { presentLogEntry } from '../../views/present-moderation.js'

/** The public moderation log: everyone may read who acted, on what, when and why; one forum's, or all. */
const moderationLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/moderation/log', { schema: { querystring: LogQuery } }, (request, reply) => {
    const { before } = request.query
    // The filter's "All forums" sends an empty name.
    const slug = request.query.forum || undefined
    const address = (older?: number) => {
      const params = new URLSearchParams({
        ...(slug ? { forum: slug } : {}),
        ...(older ? { before: String(older) } : {}),
      }).toString()
      return params ? `/moderation/log?${params}` : '/moderation/log'
    }
    return app.sendSharedPage(request, reply, {
      path: address(before),
      template: 'moderation-log',
      load: async () => {
        const [forums, forum] = await Promise.all([
          listForums(app.pool),
          slug === undefined ? undefined : findForum(app.pool, slug),
        ])
        if (slug !== undefined && !forum) throw notFound('unknown_forum', `There is no forum called "${slug}".`)
        const page = await listModerationLog(app.pool, { forumId: forum?.id, before, limit: MODERATION_LOG_PAGE })
        return {
          title: forum ? `Moderation log of ${forum.name}` : 'Moderation log',
          forum,
          forums,
          entries: page.entries.map(presentLogEntry),
          top: before === undefined ? undefined : address(),
          next: page.older === undefined ? undefined : address(page.older),
        }
      },
    })
  })
}

export default moderationLogRoutes
