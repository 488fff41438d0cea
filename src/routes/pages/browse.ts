import type { FastifyPluginAsync } from 'fastify'
import { findForum, listForums } from '../../db/forums.js'
import { countThreads, listForumThreads, listLatestThreads, THREADS_PER_PAGE } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { pageNumber, renderPage } from './render.js'

const browseRoutes: FastifyPluginAsync<{ excerptDefaults: { paragraphs: number; maxChars: number } }> = async (
  app,
  { excerptDefaults },
) => {
  app.get<{ Querystring: { page?: string } }>('/', async (request, reply) => {
    const page = pageNumber(request.query.page)
    const [threads, total] = await Promise.all([
      listLatestThreads(app.pool, THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE),
      countThreads(app.pool),
    ])
    return renderPage(request, reply, 'latest', {
      title: 'Latest Discussions',
      threads,
      page,
      pages: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
    })
  })

  app.get('/forums', async (request, reply) => {
    const forums = await listForums(app.pool)
    const groups = new Map<string, { slug: string; name: string; forums: typeof forums }>()
    for (const f of forums) {
      const group = groups.get(f.groupSlug) ?? { slug: f.groupSlug, name: f.groupName, forums: [] }
      group.forums.push(f)
      groups.set(f.groupSlug, group)
    }
    return renderPage(request, reply, 'forums', { title: 'Forums', groups: [...groups.values()] })
  })

  app.get<{ Params: { slug: string }; Querystring: { page?: string } }>('/forums/:slug', async (request, reply) => {
    const forum = await findForum(app.pool, request.params.slug)
    if (!forum) throw notFound('unknown_forum', `There is no forum called "${request.params.slug}".`)
    const page = pageNumber(request.query.page)
    const threads = await listForumThreads(app.pool, forum.id, THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE)
    return renderPage(request, reply, 'forum', {
      title: forum.name,
      forum,
      excerptDefaults,
      threads,
      page,
      pages: Math.max(1, Math.ceil(forum.threadCount / THREADS_PER_PAGE)),
    })
  })
}

export default browseRoutes
