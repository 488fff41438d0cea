import { Type } from 'typebox'
import { Author, NullableString } from './common.js'
import {
  COMMENT_MAX,
  EXCERPT_EDIT_PARAGRAPHS_MAX,
  EXCERPT_PARAGRAPH_MAX,
  FORUM_SLUG_MAX,
  REPLY_MAX,
  TITLE_MAX,
  URL_MAX,
} from '../limits.js'

/** 'time': the source said when, to the minute; 'date': only the day (it gave no zone); null: no time. */
const TimePrecision = Type.Union([Type.Literal('time'), Type.Literal('date'), Type.Null()])

const RelatedThread = Type.Object(
  { id: Type.Integer(), title: NullableString, createdAt: Type.String() },
  { additionalProperties: false },
)

export const Thread = Type.Object(
  {
    id: Type.Integer(),
    status: Type.Union([
      Type.Literal('pending'),
      Type.Literal('fetching'),
      Type.Literal('ready'),
      Type.Literal('failed'),
    ]),
    error: Type.Optional(Type.String()),
    errorReason: Type.Optional(Type.String()),
    title: NullableString,
    byline: NullableString,
    siteName: NullableString,
    lang: NullableString,
    imageUrl: NullableString,
    /** ISO 8601, or the date alone ("2016-04-06") when publishedTimePrecision is 'date'. */
    publishedTime: NullableString,
    publishedTimePrecision: TimePrecision,
    modifiedTime: NullableString,
    modifiedTimePrecision: TimePrecision,
    /** The dek the source sets under its headline, apart from the excerpt (which starts with the lede). */
    standfirst: NullableString,
    excerpt: Type.Array(Type.String()),
    sourceUrl: Type.String(),
    submittedUrl: Type.String(),
    comment: NullableString,
    /** When the poster last changed their comment; null when never. */
    commentEditedAt: NullableString,
    forum: Type.String(),
    forumName: Type.String(),
    author: Author,
    createdAt: Type.String(),
    lastActivityAt: Type.String(),
    replyCount: Type.Integer(),
    recCount: Type.Integer(),
    /** Who wrote the latest reply, at lastActivityAt; null without replies. */
    lastReplyBy: NullableString,
    /** That latest reply's author is a Star member. */
    lastReplyStar: Type.Boolean(),
    paywalled: Type.Boolean(),
    sourceUpdatedAt: NullableString,
    history: Type.Array(
      Type.Object(
        { title: NullableString, modifiedTime: NullableString, replacedAt: Type.String() },
        { additionalProperties: false },
      ),
    ),
    editedBy: NullableString,
    editedAt: NullableString,
    previousThread: Type.Union([RelatedThread, Type.Null()]),
    earlierCopy: Type.Union([RelatedThread, Type.Null()]),
    alsoPostedAs: Type.Union([RelatedThread, Type.Null()]),
    /** Locked by a moderator or host: it takes no new replies. */
    locked: Type.Boolean(),
    /** Pinned at the top of its forum's first page. */
    pinned: Type.Boolean(),
  },
  { additionalProperties: false },
)

export const NewThread = Type.Object(
  {
    url: Type.String({ maxLength: URL_MAX }),
    forum: Type.String({ maxLength: FORUM_SLUG_MAX }),
    comment: Type.Optional(Type.String({ maxLength: COMMENT_MAX })),
    title: Type.Optional(
      Type.String({
        maxLength: TITLE_MAX,
        description:
          "A hint at the headline (the page's title): the thread's heading until the digest's own replaces it.",
      }),
    ),
  },
  { additionalProperties: false },
)

export const Reply = Type.Object(
  {
    id: Type.Integer(),
    threadId: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    /** Empty once its author deleted it. */
    body: Type.String(),
    author: Author,
    createdAt: Type.String(),
    /** When its author last changed it; null when never. */
    editedAt: NullableString,
    deleted: Type.Boolean(),
    /** Who hid it, when hidden (its body is then empty): a jury or a moderator. */
    hidden: Type.Union([Type.Literal('jury'), Type.Literal('moderator'), Type.Null()]),
  },
  { additionalProperties: false },
)

export const NewReply = Type.Object(
  { body: Type.String({ maxLength: REPLY_MAX }), parentId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
)

export const ReplyEdit = Type.Object({ body: Type.String({ maxLength: REPLY_MAX }) }, { additionalProperties: false })

export const CommentEdit = Type.Object(
  { comment: Type.String({ maxLength: COMMENT_MAX }) },
  { additionalProperties: false },
)

export const DigestEdit = Type.Object(
  {
    title: Type.String({ maxLength: TITLE_MAX }),
    excerpt: Type.Array(Type.String({ maxLength: EXCERPT_PARAGRAPH_MAX }), { maxItems: EXCERPT_EDIT_PARAGRAPHS_MAX }),
  },
  { additionalProperties: false },
)
