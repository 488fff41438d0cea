import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listForums } from '../../db/forums.js'
import { countThreads, listLatestThreads, THREADS_PER_PAGE } from '../../db/threads.js'
import { FORUM_SLUG_MAX } from '../../limits.js'
import { ListQuery } from '../../schemas/forms.js'
import { presentThread } from '../../views/present-thread.js'
import { showForumPage, type ExcerptDefaults } from './forum-page.js'
import { renderPage } from './render.js'

const browseRoutes: FastifyPluginAsyncTypebox<{ excerptDefaults: ExcerptDefaults }> = async (
  app,
  { excerptDefaults },
) => {
  app.get('/', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1
    const [threads, total] = await Promise.all([
      listLatestThreads(app.pool, THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE),
      countThreads(app.pool),
    ])
    return renderPage(request, reply, 'latest', {
      title: 'Latest Discussions',
      threads: threads.map((t) => presentThread(t)),
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

  app.get(
    '/forums/:slug',
    { schema: { params: Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) }), querystring: ListQuery } },
    (request, reply) =>
      showForumPage(app.pool, request, reply, {
        slug: request.params.slug,
        page: request.query.page ?? 1,
        excerptDefaults,
      }),
  )
}

export default browseRoutes
