import type { Queryable } from '../../db/pool.js'
import { findThreadTitle } from '../../db/threads.js'
import { threadPath } from '../../views/thread-path.js'

/** Where a redirect after a write leads: the thread's address as its pages link to it. */
export async function threadAddress(db: Queryable, id: number): Promise<string> {
  return threadPath(id, (await findThreadTitle(db, id))?.title ?? null)
}
