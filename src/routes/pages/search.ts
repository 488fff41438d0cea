import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listForums } from '../../db/forums.js'
import { AppError } from '../../errors.js'
import { SearchPageQuery } from '../../schemas/search.js'
import { runSearch, type SearchRequest } from '../../services/search.js'
import { renderPage } from './render.js'

/** The fields a search page's address carries, in one order, so one search is one cached page. */
const FIELDS = ['q', 'forum', 'type', 'from', 'to'] as const

function searchPath(request: SearchRequest, page: number) {
  const params = new URLSearchParams()
  for (const name of FIELDS) {
    const value = name === 'q' ? request.q.trim() : request[name]
    if (value && !(name === 'type' && value === 'all')) params.set(name, value)
  }
  if (page > 1) params.set('page', String(page))
  return `/search?${params.toString()}`
}

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
