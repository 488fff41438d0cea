import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { findForum } from '../../db/forums.js'
import { listThreadPage, THREADS_PER_PAGE } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { listPath, listPosition, orderOf, pagerOf, type ListQueryValues } from '../../views/present-list.js'
import { presentThread } from '../../views/present-thread.js'
import { renderPage } from './render.js'

export interface ExcerptDefaults {
  paragraphs: number
  maxChars: number
}

/** What the moderators typed in the forum's settings, shown again with why it was refused. */
export interface SettingsDraft {
  excerptParagraphs: string
  excerptMaxChars: string
  error: string
}

/**
 * A forum's page: its threads, and for moderators its settings. Shared by every reader, but after a
 * refused save, when the moderator's draft is shown again with why it was refused.
 */
export async function showForumPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { slug: string; query: ListQueryValues; excerptDefaults: ExcerptDefaults; draft?: SettingsDraft },
  status = 200,
) {
  const base = { path: `/forums/${options.slug}`, defaultOrder: 'active' } as const
  const load = async () => {
    const forum = await findForum(app.pool, options.slug)
    if (!forum) throw notFound('unknown_forum', `There is no forum called "${options.slug}".`)
    const order = orderOf(base, options.query)
    const page = await listThreadPage(
      app.pool,
      { forumId: forum.id, order },
      listPosition(options.query),
      THREADS_PER_PAGE,
    )
    return {
      title: forum.name,
      feeds: { page: `/forums/${forum.slug}`, title: forum.name },
      forum,
      excerptDefaults: options.excerptDefaults,
      settings: options.draft ?? {
        excerptParagraphs: String(forum.excerptParagraphs ?? ''),
        excerptMaxChars: String(forum.excerptMaxChars ?? ''),
      },
      threads: page.threads.map((t) => presentThread(t)),
      pager: pagerOf(base, options.query, page),
    }
  }
  if (options.draft) return renderPage(request, reply, 'forum', await load(), status)
  return app.sendSharedPage(request, reply, { path: listPath(base, options.query), template: 'forum', load })
}
