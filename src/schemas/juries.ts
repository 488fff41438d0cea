import { Type } from 'typebox'
import { ALERT_NOTE_MAX, JURY_EXPLANATION_MAX } from '../limits.js'

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
const NullableId = Type.Union([Id, Type.Null()])
const Time = Type.String({ format: 'date-time' })
const NullableTime = Type.Union([Time, Type.Null()])

export const AlertReason = Type.Union([
  Type.Literal('off_topic'),
  Type.Literal('personal_attack'),
  Type.Literal('spam'),
  Type.Literal('copyright'),
  Type.Literal('other'),
])
export const VoteChoice = Type.Union([Type.Literal('leave'), Type.Literal('hide')])
export const JuryStatus = Type.Union(
  [Type.Literal('open'), Type.Literal('hidden'), Type.Literal('left'), Type.Literal('overtaken')],
  {
    description:
      'overtaken: before the jury decided, a moderator hid the post (outcomeReason moderator), its author deleted it (deleted) or its thread was hidden (thread_hidden); it takes no more votes.',
  },
)
export const OutcomeReason = Type.Union([
  Type.Literal('votes'),
  Type.Literal('tie'),
  Type.Literal('too_few_votes'),
  Type.Literal('moderator'),
  Type.Literal('deleted'),
  Type.Literal('thread_hidden'),
  Type.Null(),
])
const Forum = Type.Object({ slug: Type.String(), name: Type.String() }, { additionalProperties: false })
const Votes = Type.Object({ hide: Type.Integer(), leave: Type.Integer() }, { additionalProperties: false })

/** An alert on a thread (no `replyId`) or on one of its replies. */
export const AlertBody = Type.Object(
  {
    threadId: Type.Optional(Id),
    replyId: Type.Optional(Id),
    reason: AlertReason,
    note: Type.Optional(Type.String({ maxLength: ALERT_NOTE_MAX })),
  },
  { additionalProperties: false },
)

export const VoteBody = Type.Object(
  { vote: VoteChoice, explanation: Type.Optional(Type.String({ maxLength: JURY_EXPLANATION_MAX })) },
  { additionalProperties: false },
)

export const JuryState = Type.Object(
  { id: Type.Integer(), status: JuryStatus, outcomeReason: OutcomeReason, closesAt: Time },
  { additionalProperties: false },
)

export const Jury = Type.Object(
  {
    id: Type.Integer(),
    status: JuryStatus,
    outcomeReason: OutcomeReason,
    size: Type.Integer(),
    votes: Type.Union([Votes, Type.Null()], { description: 'Kept from jurors until the verdict.' }),
    closesAt: Time,
    decidedAt: NullableTime,
    post: Type.Object(
      {
        kind: Type.Union([Type.Literal('thread'), Type.Literal('reply')]),
        threadId: Type.Integer(),
        replyId: NullableId,
        href: Type.String(),
        heading: Type.String(),
        forum: Forum,
        poster: Type.String(),
        body: Type.String({ description: 'Empty once it is hidden, except for its poster and moderators' }),
        hiddenBy: Type.Union([Type.Literal('jury'), Type.Literal('moderator'), Type.Null()]),
        postedAt: Time,
        parent: Type.Union([
          Type.Object(
            { author: Type.String(), body: Type.String(), hidden: Type.Boolean() },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
      },
      { additionalProperties: false },
    ),
    reasons: Type.Array(
      Type.Object(
        { reason: AlertReason, label: Type.String(), count: Type.Integer(), notes: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    explanations: Type.Array(
      Type.Object({ vote: VoteChoice, explanation: Type.String() }, { additionalProperties: false }),
      { description: 'The jurors’ explanations, without their names.' },
    ),
    you: Type.Object(
      {
        juror: Type.Union(
          [
            Type.Literal('summoned'),
            Type.Literal('voted'),
            Type.Literal('declined'),
            Type.Literal('dismissed'),
            Type.Null(),
          ],
          { description: 'dismissed: suspended while summoned; another member took the seat.' },
        ),
        vote: Type.Union([VoteChoice, Type.Null()]),
        alerted: Type.Boolean(),
        poster: Type.Boolean(),
        moderator: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

const QueuePost = {
  juryId: Type.Integer(),
  threadId: Type.Integer(),
  replyId: NullableId,
  href: Type.String(),
  heading: Type.String(),
  forum: Forum,
  poster: Type.String(),
}

const QueueJury = Type.Object(
  {
    ...QueuePost,
    status: JuryStatus,
    outcomeReason: OutcomeReason,
    size: Type.Integer(),
    votes: Votes,
    waiting: Type.Integer({ description: 'Jurors drawn who have not answered yet.' }),
    alerts: Type.Integer(),
    closesAt: Time,
    decidedAt: NullableTime,
  },
  { additionalProperties: false },
)

export const ModerationQueue = Type.Object(
  {
    alerts: Type.Array(
      Type.Object(
        {
          ...QueuePost,
          id: Type.Integer(),
          reason: AlertReason,
          label: Type.String(),
          note: Type.String(),
          alerter: Type.String(),
          createdAt: Time,
        },
        { additionalProperties: false },
      ),
    ),
    juries: Type.Array(QueueJury),
    decisions: Type.Array(QueueJury),
    olderBefore: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Pass as ?before= for older decisions; null when there are none.',
    }),
  },
  { additionalProperties: false },
)

/** Older decisions: from before this jury. */
export const QueueQuery = Type.Object({ before: Type.Optional(Id) }, { additionalProperties: false })
