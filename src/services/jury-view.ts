import type { UserRow } from '../db/users.js'
import { findJuror, findJury } from '../db/juries.js'
import {
  findJuryPost,
  findOwnAlert,
  listAlertReasons,
  listVerdictExplanations,
  type JuryPost,
} from '../db/jury-view.js'
import {
  listHostedForumIds,
  listOpenAlerts,
  listOpenJuries,
  listRecentDecisions,
  type QueueScope,
} from '../db/moderation-queue.js'
import type { Queryable } from '../db/pool.js'
import { AppError, notFound } from '../errors.js'
import { isModerator, mayModerateForum } from './permissions.js'

type Member = Pick<UserRow, 'id' | 'role'>

/**
 * What of the post a member sees on its jury's page: once it is hidden (by the verdict, or by a
 * moderator), its text and a hidden thread's headline are for its poster and the forum's moderators
 * alone, as everywhere else; jurors and alerters see what stands in its place.
 */
function shownPost(post: JuryPost, reader: { isPoster: boolean; moderates: boolean; ofThread: boolean }): JuryPost {
  if (reader.moderates) return post
  const ownThread = reader.isPoster && reader.ofThread
  return {
    ...post,
    threadTitle: post.threadHidden && !ownThread ? null : post.threadTitle,
    body: post.hiddenBy && !reader.isPoster ? null : post.body,
    parent: post.parent && (post.parent.hidden || post.threadHidden ? { ...post.parent, body: '' } : post.parent),
  }
}

/**
 * A jury as one member may see it: its jurors (to vote), the poster and the alerters (to learn the
 * verdict, with the jurors' explanations but never their names), and the forum's moderators.
 */
export async function viewJury(db: Queryable, member: Member, juryId: number) {
  const jury = await findJury(db, juryId)
  if (!jury) throw notFound('unknown_jury', 'There is no such jury.')
  const seat = await findJuror(db, juryId, member.id)
  const ownAlert = await findOwnAlert(db, juryId, member.id)
  const isPoster = jury.posterId === member.id
  const moderates = await mayModerateForum(db, member, jury.forumId)
  if (!seat && !ownAlert && !isPoster && !moderates)
    throw new AppError(
      403,
      'not_juror',
      'Only its jurors, the poster, the members who alerted the post and moderators see a jury.',
    )
  return {
    jury,
    post: shownPost(await findJuryPost(db, jury), { isPoster, moderates, ofThread: jury.replyId === null }),
    reasons: await listAlertReasons(db, juryId),
    explanations: jury.status === 'open' ? [] : await listVerdictExplanations(db, juryId),
    seat: seat ?? null,
    ownAlert: ownAlert ?? null,
    isPoster,
    moderates,
  }
}

export type JuryView = Awaited<ReturnType<typeof viewJury>>

/** Moderators see every forum's alerts and juries, hosts their forums'; anyone else is refused. */
async function queueScope(db: Queryable, member: Member): Promise<QueueScope> {
  if (isModerator(member)) return { forums: null }
  const forums = await listHostedForumIds(db, member.id)
  if (forums.length === 0)
    throw new AppError(403, 'not_moderator', 'Only moderators, and hosts for their forums, see the moderation queue.')
  return { forums }
}

/** The moderation queue: open alerts, juries in progress, and verdicts from before the jury `before`. */
export async function viewModerationQueue(db: Queryable, member: Member, before?: number) {
  const scope = await queueScope(db, member)
  const { decisions, older } = await listRecentDecisions(db, scope, before)
  return {
    alerts: await listOpenAlerts(db, scope),
    juries: await listOpenJuries(db, scope),
    decisions,
    older,
  }
}

export type ModerationQueue = Awaited<ReturnType<typeof viewModerationQueue>>
