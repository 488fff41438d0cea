import { THREADS_PER_PAGE, type ListCursor, type ListPosition, type ThreadListPage } from '../db/threads.js'

/** How a list's address names a place in it (schemas/forms.ts checks the shape). */
const cursorParam = (c: ListCursor) => `${c.micros}.${c.id}`

function parseCursor(param: string): ListCursor {
  const [micros = '0', id = '0'] = param.split('.')
  return { micros, id: Number(id) }
}

export interface ListQueryValues {
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

/** The page's own address, with only what chooses it: the key of its cached copy. */
export function listPath(base: string, query: ListQueryValues): string {
  if (query.after) return `${base}?after=${query.after}`
  if (query.before) return `${base}?before=${query.before}`
  if (query.page && query.page > 1) return `${base}?page=${query.page}`
  return base
}

/** The pager's links: to newer threads (rel="prev") and older ones (rel="next"). */
export function pagerOf(base: string, page: ThreadListPage) {
  return {
    base,
    newer: page.newer && `${base}?before=${cursorParam(page.newer)}`,
    older: page.older && `${base}?after=${cursorParam(page.older)}`,
  }
}
