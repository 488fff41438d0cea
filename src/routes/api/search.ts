import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody } from '../../schemas/common.js'
import { SearchQuery, SearchResults } from '../../schemas/search.js'
import { runSearch, searchPath } from '../../services/search.js'

/**
 * GET /api/search: the results are the same for every caller, so they are kept like the search
 * page (under its address: any change drops them), with an ETag; a refused search is not kept.
 * Only a search that is not kept counts against the caller's limit.
 */
const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    { schema: { querystring: SearchQuery, response: { 200: SearchResults, '4xx': ErrorBody } } },
    async (request, reply) => {
      await app.sendSearch(
        request,
        (load) =>
          app.sendSharedDocument(request, reply, { key: searchPath(request.query, request.query.page ?? 1), load }),
        () => runSearch(app.pool, request.query),
      )
    },
  )
}

export default searchRoutes
