import { Type } from 'typebox'
import { FORUM_SLUG_MAX, MODERATION_REASON_MAX, SUSPENSION_HOURS_RANGE, USERNAME_MAX } from '../limits.js'

const Reason = Type.String({ maxLength: MODERATION_REASON_MAX, description: 'Why; the public log shows it.' })

/** Lock, pin, hide and their undoing: a reason (required to hide). */
export const ModerationBody = Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false })

export const MoveBody = Type.Object(
  { forum: Type.String({ maxLength: FORUM_SLUG_MAX }), reason: Reason },
  { additionalProperties: false },
)

export const SuspendBody = Type.Object(
  {
    hours: Type.Integer({ minimum: SUSPENSION_HOURS_RANGE[0], maximum: SUSPENSION_HOURS_RANGE[1] }),
    reason: Reason,
  },
  { additionalProperties: false },
)

export const UsernameParams = Type.Object(
  { username: Type.String({ maxLength: USERNAME_MAX }) },
  { additionalProperties: false },
)

export const HostParams = Type.Object(
  { slug: Type.String({ maxLength: FORUM_SLUG_MAX }), username: Type.String({ maxLength: USERNAME_MAX }) },
  { additionalProperties: false },
)

const HiddenBy = Type.Union([Type.Literal('jury'), Type.Literal('moderator'), Type.Null()])

/** A post's moderation state after an action. */
export const Moderated = Type.Object(
  {
    changed: Type.Boolean({ description: 'False when it already was so (nothing was logged).' }),
    post: Type.Object(
      {
        kind: Type.Union([Type.Literal('thread'), Type.Literal('reply')]),
        id: Type.Integer(),
        threadId: Type.Integer(),
        forumId: Type.Integer(),
        hidden: HiddenBy,
        locked: Type.Boolean({ description: 'Whether its thread is locked.' }),
        pinned: Type.Boolean({ description: 'Whether its thread is pinned.' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

/** A post's earlier texts, for moderators. */
export const Revisions = Type.Object(
  {
    revisions: Type.Array(
      Type.Object(
        {
          text: Type.String({ description: 'The text as it was (empty: a link posted without words)' }),
          writtenAt: Type.String({ format: 'date-time', description: 'When this text was written' }),
          replacedAt: Type.String({ format: 'date-time', description: 'When its author replaced it' }),
          replacedBy: Type.Union([Type.Literal('edit'), Type.Literal('delete')]),
        },
        { additionalProperties: false },
      ),
      { description: 'Oldest first; the current text is the post’s own' },
    ),
  },
  { additionalProperties: false },
)

const Role = Type.Union([Type.Literal('member'), Type.Literal('moderator'), Type.Literal('admin')])

export const StaffChange = Type.Object(
  {
    member: Type.Object({ username: Type.String(), role: Role }, { additionalProperties: false }),
    changed: Type.Boolean(),
  },
  { additionalProperties: false },
)

export const Suspension = Type.Object(
  { username: Type.String(), suspendedUntil: Type.Union([Type.String(), Type.Null()]), changed: Type.Boolean() },
  { additionalProperties: false },
)

export const Roles = Type.Object(
  {
    staff: Type.Array(Type.Object({ username: Type.String(), role: Role }, { additionalProperties: false })),
    hosts: Type.Array(Type.Object({ forum: Type.String(), username: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
)

export const LogQuery = Type.Object(
  {
    forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })),
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
)

const Named = Type.Union([Type.String(), Type.Null()])

export const LogEntry = Type.Object(
  {
    id: Type.Integer(),
    createdAt: Type.String(),
    action: Type.String(),
    /** Who acted; null for a jury (its counts are in details) or a former member. */
    actor: Named,
    forum: Type.Union([
      Type.Object({ slug: Type.String(), name: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    thread: Type.Union([
      Type.Object({ id: Type.Integer(), title: Named, hidden: Type.Boolean() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    replyId: Type.Union([Type.Integer(), Type.Null()]),
    member: Named,
    reason: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
)

export const LogPage = Type.Object(
  {
    entries: Type.Array(LogEntry),
    /** The next (older) page's address, or null at the end. */
    next: Named,
  },
  { additionalProperties: false },
)
