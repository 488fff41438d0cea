import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { findForum, listForums } from '../../db/forums.js'
import {
  countThreads,
  GREATEST_HOURS,
  listGreatestThreads,
  listThreadPage,
  THREADS_PER_PAGE,
} from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { FORUM_SLUG_MAX } from '../../limits.js'
import { ThreadListQuery } from '../../schemas/forms.js'
import { listPath, listPosition, orderOf, pagerOf } from '../../views/present-list.js'
import { presentThread } from '../../views/present-thread.js'
import { showForumPage, type ExcerptDefaults } from './forum-page.js'

const browseRoutes: FastifyPluginAsyncTypebox<{ excerptDefaults: ExcerptDefaults }> = async (
  app,
  { excerptDefaults },
) => {
  const latest = { path: '/', defaultOrder: 'new' } as const
  app.get('/', { schema: { querystring: ThreadListQuery } }, (request, reply) =>
    app.sendSharedPage(request, reply, {
      path: listPath(latest, request.query),
      template: 'latest',
      load: async () => {
        const order = orderOf(latest, request.query)
        const [page, total] = await Promise.all([
          listThreadPage(app.pool, { order }, listPosition(request.query), THREADS_PER_PAGE),
          countThreads(app.pool),
        ])
        return {
          title: 'Latest Discussions',
          threads: page.threads.map((t) => presentThread(t)),
          total,
          pager: pagerOf(latest, request.query, page),
        }
      },
    }),
  )

  app.get('/greatest', (request, reply) =>
    app.sendSharedPage(request, reply, {
      path: '/greatest',
      template: 'greatest',
      load: async () => ({
        title: 'Greatest Threads',
        feeds: { page: '/greatest', title: 'Greatest Threads' },
        threads: (await listGreatestThreads(app.pool, undefined)).map((t) => presentThread(t)),
        hours: GREATEST_HOURS,
      }),
    }),
  )

  app.get(
    '/forums/:slug/greatest',
    { schema: { params: Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) }) } },
    (request, reply) =>
      app.sendSharedPage(request, reply, {
        path: `/forums/${request.params.slug}/greatest`,
        template: 'greatest',
        load: async () => {
          const forum = await findForum(app.pool, request.params.slug)
          if (!forum) throw notFound('unknown_forum', `There is no forum called "${request.params.slug}".`)
          return {
            title: `Greatest Threads in ${forum.name}`,
            feeds: { page: `/forums/${forum.slug}/greatest`, title: `Greatest Threads in ${forum.name}` },
            forum,
            threads: (await listGreatestThreads(app.pool, forum.id)).map((t) => presentThread(t)),
            hours: GREATEST_HOURS,
          }
        },
      }),
  )

  app.get('/forums', (request, reply) =>
    app.sendSharedPage(request, reply, {
      path: '/forums',
      template: 'forums',
      load: async () => {
        const forums = await listForums(app.pool)
        const groups = new Map<string, { slug: string; name: string; forums: typeof forums }>()
        for (const f of forums) {
          const group = groups.get(f.groupSlug) ?? { slug: f.groupSlug, name: f.groupName, forums: [] }
          group.forums.push(f)
          groups.set(f.groupSlug, group)
        }
        return { title: 'Forums', groups: [...groups.values()] }
      },
    }),
  )

  app.get(
    '/forums/:slug',
    {
      schema: {
        params: Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) }),
        querystring: ThreadListQuery,
      },
    },
    (request, reply) =>
      showForumPage(app, request, reply, { slug: request.params.slug, query: request.query, excerptDefaults }),
  )
}

export default browseRoutes
