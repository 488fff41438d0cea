import type { RevisionRow } from '../db/revisions.js'
import type { ModerationLogRow } from '../db/moderation.js'
import type { PostState } from '../db/thread-moderation.js'

/** A post's state after a moderator's action, as the API sends it. */
export const presentPostState = (p: PostState) => ({
  kind: p.kind,
  id: p.id,
  threadId: p.threadId,
  forumId: p.forumId,
  hidden: p.hiddenBy,
  locked: p.lockedAt !== null,
  pinned: p.pinnedAt !== null,
})

/** What each action did, as the log's pages say it. */
const DID: Record<string, string> = {
  lock: 'locked',
  unlock: 'unlocked',
  pin: 'pinned',
  unpin: 'unpinned',
  hide_thread: 'hid',
  unhide_thread: 'showed again',
  hide_reply: 'hid a reply in',
  unhide_reply: 'showed again a reply in',
  move: 'moved',
  suspend: 'suspended',
  unsuspend: 'lifted the suspension of',
  set_role: 'changed the role of',
  add_host: 'named a host:',
  remove_host: 'removed a host:',
  star: 'made a Star member:',
  unstar: 'took the star from',
}

/** A jury's verdict is told by its counts (its details' numbers), never by its jurors' names. */
const countsOf = (details: Record<string, unknown>) =>
  Object.entries(details)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([name, n]) => `${name.replace(/_/g, ' ')} ${n}`)

/** Who acted when no member did: the operator, a jury (by its counts), the repeat-hide rule. */
function withoutActor(details: Record<string, unknown>): string {
  const n = (name: string) => (typeof details[name] === 'number' ? (details[name] as number) : undefined)
  if (details.via === 'command line') return 'The site’s operator'
  if (details.by === 'jury' && n('hide') !== undefined && n('leave') !== undefined && n('size') !== undefined)
    return `A jury (${n('hide')} to hide, ${n('leave')} to leave, of ${n('size')} seats)`
  if (details.by === 'rule' && n('hides') !== undefined)
    return `The repeat-hide rule (${n('hides')} posts hidden lately)`
  const counts = countsOf(details)
  return counts.length ? `A jury (${counts.join(' · ')})` : 'A former member'
}

/** One log entry, for the API (enumerable fields) and the page (the rest). */
export function presentLogEntry(e: ModerationLogRow) {
  const fields = {
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    action: e.action,
    actor: e.actorName,
    forum: e.forumSlug ? { slug: e.forumSlug, name: e.forumName ?? e.forumSlug } : null,
    thread: e.threadId === null ? null : { id: e.threadId, title: e.threadTitle, hidden: e.threadHidden },
    replyId: e.replyId,
    member: e.memberName,
    reason: e.reason,
    details: e.details,
  }
  const forPage = {
    /** Who acted, in words. */
    who: e.actorName ?? withoutActor(e.details),
    did: DID[e.action] ?? e.action.replace(/_/g, ' '),
    /** Where a move took the thread; a role's new name. */
    toForum: typeof e.details.toForum === 'string' ? e.details.toForum : undefined,
    role: typeof e.details.role === 'string' ? e.details.role : undefined,
    until: typeof e.details.until === 'string' ? e.details.until : undefined,
    /** A hide that closed the post's jury before its verdict. */
    overtookJury: typeof e.details.overtookJury === 'number',
    /** How many juries on a hidden thread's replies that hide closed. */
    overtookReplyJuries: Array.isArray(e.details.overtookReplyJuries) ? e.details.overtookReplyJuries.length : 0,
  }
  for (const [name, value] of Object.entries(forPage)) Object.defineProperty(fields, name, { value, enumerable: false })
  return fields as typeof fields & typeof forPage
}

/** An earlier text of a post, as moderators read it. */
export const presentRevision = (r: RevisionRow) => ({
  text: r.text,
  writtenAt: r.writtenAt.toISOString(),
  replacedAt: r.replacedAt.toISOString(),
  replacedBy: r.replacedBy,
})
