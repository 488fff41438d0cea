import type pg from 'pg'
import { findForum } from '../db/forums.js'
import { hidePost, logModeration, unhidePost, type PostRef } from '../db/moderation.js'
import { notifyModeration } from '../db/notifications.js'
import { withTransaction, type Queryable } from '../db/pool.js'
import type { SessionMember } from '../db/sessions.js'
import { findPostState, moveThread, setThreadLocked, setThreadPinned, type PostState } from '../db/thread-moderation.js'
import { AppError, badRequest, notFound } from '../errors.js'
import { MODERATION_REASON_MAX } from '../limits.js'
import { overtakeOpenJuries, overtakeRepliesJuries } from './jury-interruptions.js'
import { mayModerateForum } from './permissions.js'
import { assertMayAct } from './suspensions.js'

/** What a moderator does to a thread; `move` has its own function (it needs a forum). */
export type ThreadAction = 'lock' | 'unlock' | 'pin' | 'unpin' | 'hide' | 'unhide'
export type ReplyAction = 'hide' | 'unhide'

/** Actions that take something from members need a reason the log can show them. */
const NEEDS_REASON = new Set<string>(['hide', 'move', 'suspend'])

/** The reason as the log keeps it: trimmed, required where NEEDS_REASON says, within its limit. */
export function checkReason(action: string, reason: string | undefined): string {
  const kept = (reason ?? '').replace(/\s+/g, ' ').trim()
  if (kept.length > MODERATION_REASON_MAX)
    throw badRequest('reason_too_long', `A reason is at most ${MODERATION_REASON_MAX} characters long.`)
  if (kept === '' && NEEDS_REASON.has(action))
    throw badRequest('missing_reason', 'Say why: the public moderation log shows the reason.')
  return kept
}

export const notModerator = () =>
  new AppError(403, 'not_moderator', 'Only this forum’s hosts and the site’s moderators can do that.')

/** The outcome: whether anything changed (repeating an action changes nothing and logs nothing), and the post now. */
export interface Moderated {
  changed: boolean
  post: PostState
}

/** Within one transaction: the post locked, the member's right checked, the change made and logged. */
async function moderate(
  pool: pg.Pool,
  member: SessionMember,
  post: PostRef,
  change: (tx: Queryable, state: PostState) => Promise<{ changed: boolean; log: Parameters<typeof logModeration>[1] }>,
): Promise<Moderated> {
  assertMayAct(member)
  return withTransaction(pool, async (tx) => {
    const state = await findPostState(tx, post, true)
    if (!state) throw notFound(`unknown_${post.kind}`, `There is no ${post.kind} ${post.id}.`)
    if (!(await mayModerateForum(tx, member, state.forumId))) throw notModerator()
    const { changed, log } = await change(tx, state)
    if (changed) {
      const logId = await logModeration(tx, log)
      // The poster learns what was done to their post and why; not of their own doing.
      if (state.authorId !== member.id) await notifyModeration(tx, state.authorId, { logId, threadId: state.threadId })
    }
    return { changed, post: (await findPostState(tx, post))! }
  })
}

/**
 * Hides the post; a jury still sitting on it is overtaken by the decision, and a hidden thread's
 * replies' juries by the thread's hide. The log entry names them (`overtookJury`,
 * `overtookReplyJuries`). Gives whether the post was hidden now, and the log's details.
 */
async function hideOverJury(tx: Queryable, post: PostRef, state: PostState) {
  if (!(await hidePost(tx, post, 'moderator'))) return { changed: false, details: {} }
  const replyId = post.kind === 'reply' ? post.id : null
  const [own] = await overtakeOpenJuries(tx, { threadId: state.threadId, replyId }, 'moderator')
  const onReplies = post.kind === 'thread' ? await overtakeRepliesJuries(tx, state.threadId) : {}
  return { changed: true, details: { ...(own ? { overtookJury: own.id } : {}), ...onReplies } }
}

const SETTERS = {
  lock: (tx: Queryable, id: number) => setThreadLocked(tx, id, true),
  unlock: (tx: Queryable, id: number) => setThreadLocked(tx, id, false),
  pin: (tx: Queryable, id: number) => setThreadPinned(tx, id, true),
  unpin: (tx: Queryable, id: number) => setThreadPinned(tx, id, false),
  unhide: (tx: Queryable, id: number) => unhidePost(tx, { kind: 'thread', id }),
} satisfies Record<Exclude<ThreadAction, 'hide'>, unknown>

/** Lock, pin or hide a thread (or undo it), as its forum's host or a moderator. */
export async function moderateThread(
  pool: pg.Pool,
  member: SessionMember,
  threadId: number,
  action: ThreadAction,
  reason?: string,
): Promise<Moderated> {
  const why = checkReason(action, reason)
  const post = { kind: 'thread', id: threadId } as const
  return moderate(pool, member, post, async (tx, state) => {
    const { changed, details } =
      action === 'hide'
        ? await hideOverJury(tx, post, state)
        : { changed: await SETTERS[action](tx, threadId), details: {} }
    return {
      changed,
      log: {
        actorId: member.id,
        action: action === 'hide' || action === 'unhide' ? `${action}_thread` : action,
        forumId: state.forumId,
        threadId,
        memberId: state.authorId,
        reason: why,
        details,
      },
    }
  })
}

/** Hide a reply at once (spam, something illegal), or show it again; its place in the tree stays. */
export async function moderateReply(
  pool: pg.Pool,
  member: SessionMember,
  replyId: number,
  action: ReplyAction,
  reason?: string,
): Promise<Moderated> {
  const why = checkReason(action, reason)
  const post = { kind: 'reply', id: replyId } as const
  return moderate(pool, member, post, async (tx, state) => {
    const { changed, details } =
      action === 'hide' ? await hideOverJury(tx, post, state) : { changed: await unhidePost(tx, post), details: {} }
    return {
      changed,
      log: {
        actorId: member.id,
        action: `${action}_reply`,
        forumId: state.forumId,
        threadId: state.threadId,
        replyId,
        memberId: state.authorId,
        reason: why,
        details,
      },
    }
  })
}

/**
 * Moves a thread to the forum it belongs in. The member must moderate the forum it is in now; a host
 * may move a misplaced thread out of their forum into any forum, whose hosts then look after it.
 */
export async function moveThreadToForum(
  pool: pg.Pool,
  member: SessionMember,
  threadId: number,
  forumSlug: string,
  reason?: string,
): Promise<Moderated> {
  const why = checkReason('move', reason)
  const to = await findForum(pool, forumSlug)
  if (!to) throw notFound('unknown_forum', `There is no forum called "${forumSlug}".`)
  return moderate(pool, member, { kind: 'thread', id: threadId }, async (tx, state) => ({
    changed: await moveThread(tx, threadId, to.id),
    log: {
      actorId: member.id,
      action: 'move',
      // The log of the forum it left shows where it went; the details name both.
      forumId: state.forumId,
      threadId,
      memberId: state.authorId,
      reason: why,
      details: { from: state.forumId, to: to.id, toForum: to.slug },
    },
  }))
}
