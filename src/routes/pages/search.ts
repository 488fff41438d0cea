import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listForums } from '../../db/forums.js'
import { AppError } from '../../errors.js'
import { SearchPageQuery } from '../../schemas/search.js'
import { runSearch, searchPath } from '../../services/search.js'
import { renderPage } from './render.js'

/**
 * /search: the results are the same for every reader, so they go through the page cache like a
 * list page (a change anywhere drops them); a refused search is the form again, with its reason.
 */
const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/search', { schema: { querystring: SearchPageQuery } }, async (request, reply) => {
    const query = request.query
    const form = {
      q: query.q ?? '',
      forum: query.forum ?? '',
      type: query.type ?? 'all',
      from: query.from ?? '',
      to: query.to ?? '',
    }
    const view = async () => ({
      title: form.q.trim() ? `Search: ${form.q.trim()}` : 'Search',
      form,
      searchText: form.q,
      forums: await listForums(app.pool),
    })
    if (query.q === undefined) return renderPage(request, reply, 'search', await view())
    const search = { ...query, q: query.q }
    try {
      return await app.sendSharedPage(request, reply, {
        path: searchPath(search, query.page ?? 1),
        template: 'search',
        load: async () => {
          const found = await runSearch(app.pool, search)
          return {
            ...(await view()),
            ...found,
            next: found.nextPage ? searchPath(search, found.nextPage) : null,
            prev: found.page > 1 ? searchPath(search, found.page - 1) : null,
          }
        },
      })
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err
      return renderPage(request, reply, 'search', { ...(await view()), error: err.message }, 400)
    }
  })
}

export default searchRoutes
