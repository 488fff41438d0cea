import type { PostRef } from '../db/moderation.js'
import type { Queryable } from '../db/pool.js'
import { listRevisions, type RevisionRow } from '../db/revisions.js'
import type { SessionMember } from '../db/sessions.js'
import { findPostState } from '../db/thread-moderation.js'
import { notFound } from '../errors.js'
import { notModerator } from './moderation.js'
import { mayModerateForum } from './permissions.js'

/**
 * A post's earlier texts, kept when its author edited or deleted it, for its forum's hosts and the
 * moderators alone (anyone else: 403 not_moderator, its poster included).
 */
export async function viewRevisions(db: Queryable, member: SessionMember, post: PostRef): Promise<RevisionRow[]> {
  const state = await findPostState(db, post)
  if (!state) throw notFound(`unknown_${post.kind}`, `There is no ${post.kind} ${post.id}.`)
  if (!(await mayModerateForum(db, member, state.forumId))) throw notModerator()
  return listRevisions(db, post)
}
