import {
  THREADS_PER_PAGE,
  type ListCursor,
  type ListOrder,
  type ListPosition,
  type ThreadListPage,
} from '../db/threads.js'

/** How a list's address names a place in it (schemas/forms.ts checks the shape). */
const cursorParam = (c: ListCursor) => `${c.micros}.${c.id}`

function parseCursor(param: string): ListCursor {
  const [micros = '0', id = '0'] = param.split('.')
  return { micros, id: Number(id) }
}

export interface ListQueryValues {
  sort?: ListOrder | undefined
  page?: number | undefined
  after?: string | undefined
  before?: string | undefined
}

/** Where the requested page starts; undefined for the top. */
export function listPosition(query: ListQueryValues): ListPosition | undefined {
  if (query.after) return { after: parseCursor(query.after) }
  if (query.before) return { before: parseCursor(query.before) }
  if (query.page && query.page > 1) return { offset: (query.page - 1) * THREADS_PER_PAGE }
  return undefined
}

/** A list's address and how it is sorted by default (Latest: newest posts; a forum: latest activity). */
export interface ListBase {
  path: string
  defaultOrder: ListOrder
}

export const orderOf = (base: ListBase, query: ListQueryValues): ListOrder => query.sort ?? base.defaultOrder

/** The list's address in an order, with more parameters after it. */
function sortedPath(base: ListBase, order: ListOrder, more: string[] = []): string {
  const params = [...(order === base.defaultOrder ? [] : [`sort=${order}`]), ...more]
  return params.length ? `${base.path}?${params.join('&')}` : base.path
}

/** The page's own address, with only what chooses it: the key of its cached copy. */
export function listPath(base: ListBase, query: ListQueryValues): string {
  const order = orderOf(base, query)
  if (query.after) return sortedPath(base, order, [`after=${query.after}`])
  if (query.before) return sortedPath(base, order, [`before=${query.before}`])
  if (query.page && query.page > 1) return sortedPath(base, order, [`page=${query.page}`])
  return sortedPath(base, order)
}

/** The pager's links (to newer threads, rel="prev", and older ones, rel="next"), and the two orders' tops. */
export function pagerOf(base: ListBase, query: ListQueryValues, page: ThreadListPage) {
  const order = orderOf(base, query)
  return {
    base: sortedPath(base, order),
    newer: page.newer && sortedPath(base, order, [`before=${cursorParam(page.newer)}`]),
    older: page.older && sortedPath(base, order, [`after=${cursorParam(page.older)}`]),
    order,
    orders: { new: sortedPath(base, 'new'), active: sortedPath(base, 'active') },
  }
}
