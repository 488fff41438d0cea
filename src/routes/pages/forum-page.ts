import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { findForum } from '../../db/forums.js'
import { listPinnedThreads, listThreadPage, THREADS_PER_PAGE } from '../../db/threads.js'
import { listHosts } from '../../db/roles.js'
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
    const position = listPosition(options.query)
    const [page, hosts] = await Promise.all([
      listThreadPage(app.pool, { forumId: forum.id, order }, position, THREADS_PER_PAGE),
      listHosts(app.pool, forum.id),
    ])
    // Pinned threads head the first page, apart from the paged list (which leaves them out), so its
    // cursors stay those of the list itself.
    const atTop = position === undefined || ('before' in position && page.newer === undefined)
    const pinned = atTop ? await listPinnedThreads(app.pool, forum.id) : []
    return {
      title: forum.name,
      feeds: { page: `/forums/${forum.slug}`, title: forum.name },
      forum,
      excerptDefaults: options.excerptDefaults,
      settings: options.draft ?? {
        excerptParagraphs: String(forum.excerptParagraphs ?? ''),
        excerptMaxChars: String(forum.excerptMaxChars ?? ''),
      },
      threads: [...pinned, ...page.threads].map((t) => presentThread(t)),
      hosts: hosts.map((h) => h.username),
      pager: pagerOf(base, options.query, page),
    }
  }
  if (options.draft) return renderPage(request, reply, 'forum', await load(), status)
  return app.sendSharedPage(request, reply, { path: listPath(base, options.query), template: 'forum', load })
}
