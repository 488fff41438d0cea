import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorBody } from '../../schemas/common.js'
import { SearchQuery, SearchResults } from '../../schemas/search.js'
import { runSearch } from '../../services/search.js'

const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/search',
    { schema: { querystring: SearchQuery, response: { 200: SearchResults, '4xx': ErrorBody } } },
    (request) => runSearch(app.pool, request.query),
  )
}

export default searchRoutes
