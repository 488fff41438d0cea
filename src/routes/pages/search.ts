import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listForums } from '../../db/forums.js'
import { AppError } from '../../errors.js'
import { SearchPageQuery } from '../../schemas/search.js'
import { runSearch, searchPath } from '../../services/search.js'
import { refusal, renderPage } from './render.js'

/**
 * /search: the results are the same for every reader, so they go through the page cache like a
 * list page (a change anywhere drops them); only a search that is not kept counts against the
 * reader's limit. A refused search is the form again, with its reason and the words typed.
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
      return await app.sendSearch(
        request,
        (load) =>
          app.sendSharedPage(request, reply, { path: searchPath(search, query.page ?? 1), template: 'search', load }),
        async () => {
          const found = await runSearch(app.pool, search)
          return {
            ...(await view()),
            ...found,
            next: found.nextPage ? searchPath(search, found.nextPage) : null,
            prev: found.page > 1 ? searchPath(search, found.page - 1) : null,
          }
        },
      )
    } catch (err) {
      // Too many searches (429) or too many at once (503) pass by themselves: Retry-After says when.
      if (!(err instanceof AppError) || ![400, 429, 503].includes(err.status)) throw err
      return renderPage(request, reply, 'search', { ...(await view()), error: err.message }, refusal(reply, err))
    }
  })
}

export default searchRoutes
