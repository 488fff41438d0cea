import { Type } from 'typebox'
import {
  ALERT_NOTE_MAX,
  JURY_EXPLANATION_MAX,
  BIO_MAX,
  COMMENT_MAX,
  FORUM_SLUG_MAX,
  PASSWORD_MAX,
  REPLY_MAX,
  TITLE_MAX,
  URL_MAX,
  USERNAME_MAX,
  EXCERPT_EDIT_PARAGRAPHS_MAX,
  EXCERPT_PARAGRAPH_MAX,
  MODERATION_REASON_MAX,
  DOMAIN_MAX,
  DOMAIN_REASON_MAX,
} from '../limits.js'
import { PageQuery } from './common.js'

/*
 * The HTML forms' bodies, with the limits the forms' `maxlength` shows. A
 * missing text field is an empty one, so the services answer it in their own
 * words ("Paste the link…").
 */
const text = (max: number) => Type.String({ maxLength: max, default: '' })

export const PostForm = Type.Object(
  {
    url: text(URL_MAX),
    comment: text(COMMENT_MAX),
    title: text(TITLE_MAX),
    forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })),
  },
  { additionalProperties: false },
)

/** The poster's words for their own thread, changed. */
export const CommentEditForm = Type.Object({ comment: text(COMMENT_MAX) }, { additionalProperties: false })

/** `preview` is the "Preview" button: show the text rendered, post nothing. */
export const ReplyForm = Type.Object(
  {
    body: text(REPLY_MAX),
    parentId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    preview: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
)

/** A member's own reply, changed: "Save" or "Preview". */
export const ReplyEditForm = Type.Object(
  { body: text(REPLY_MAX), preview: Type.Optional(Type.String({ maxLength: 10 })) },
  { additionalProperties: false },
)

export const CredentialsForm = Type.Object(
  {
    username: text(USERNAME_MAX),
    password: text(PASSWORD_MAX),
    next: Type.Optional(Type.String({ maxLength: URL_MAX })),
  },
  { additionalProperties: false },
)

export const DigestEditForm = Type.Object(
  {
    title: text(TITLE_MAX),
    // Paragraphs and the blank lines between them.
    excerpt: text(EXCERPT_EDIT_PARAGRAPHS_MAX * (EXCERPT_PARAGRAPH_MAX + 2)),
  },
  { additionalProperties: false },
)

/** Empty means "the site default"; the service says what a good number is. */
export const ForumSettingsForm = Type.Object(
  {
    excerptParagraphs: Type.String({ maxLength: 20, default: '' }),
    excerptMaxChars: Type.String({ maxLength: 20, default: '' }),
  },
  { additionalProperties: false },
)

/** Page links are shared with tracking parameters added; lists ignore what they do not know. */
/** The member list: newest or most posts first, names starting with `q`. */
export const MemberListQuery = Type.Object({
  page: PageQuery.properties.page,
  sort: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('posts')])),
  q: Type.Optional(Type.String({ maxLength: USERNAME_MAX })),
})

export const BioForm = Type.Object({ bio: text(BIO_MAX) }, { additionalProperties: false })

export const PasswordForm = Type.Object(
  { current: text(PASSWORD_MAX), password: text(PASSWORD_MAX) },
  { additionalProperties: false },
)

/** Deleting one's account: confirmed with the password. */
export const LeaveForm = Type.Object({ password: text(PASSWORD_MAX) }, { additionalProperties: false })

/** A place in a list of threads, as its pages link to it: microseconds, a dot, an id. */
const Cursor = Type.Optional(Type.String({ pattern: '^[0-9]{1,18}\\.[0-9]{1,16}$', maxLength: 40 }))

/** Lists of threads page by cursor ("Older" after the last row shown, "Newer" before the first); `page` is for old links. */
export const ThreadListQuery = Type.Object({
  sort: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('active')])),
  page: Type.Optional(PageQuery.properties.page),
  after: Cursor,
  before: Cursor,
})

export const ThreadQuery = Type.Object({
  page: Type.Optional(PageQuery.properties.page),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  replyTo: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  /** With replyTo: the form opens with that reply quoted. */
  quote: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })),
})

export const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: URL_MAX })) })

export const PostQuery = Type.Object({ forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })) })

/** The moderation page's buttons: each names its action; the reason (and the forum to move to) go with it. */
export const ModerationForm = Type.Object(
  {
    action: Type.Union([
      Type.Literal('lock'),
      Type.Literal('unlock'),
      Type.Literal('pin'),
      Type.Literal('unpin'),
      Type.Literal('hide'),
      Type.Literal('unhide'),
      Type.Literal('move'),
    ]),
    reason: text(MODERATION_REASON_MAX),
    forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })),
  },
  { additionalProperties: false },
)

/** A suspension, or lifting one (`action`). Hours come from a choice of lengths, or typed. */
export const SuspensionForm = Type.Object(
  {
    action: Type.Union([Type.Literal('suspend'), Type.Literal('unsuspend')]),
    hours: Type.Optional(Type.String({ maxLength: 10 })),
    reason: text(MODERATION_REASON_MAX),
  },
  { additionalProperties: false },
)

/** The admin's roles page: name or remove a moderator, or a forum's host. */
export const RolesForm = Type.Object(
  {
    action: Type.Union([
      Type.Literal('add_moderator'),
      Type.Literal('remove_moderator'),
      Type.Literal('add_host'),
      Type.Literal('remove_host'),
    ]),
    username: text(USERNAME_MAX),
    forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })),
  },
  { additionalProperties: false },
)

/**
 * /submit, as the bookmarklet (or another site's "share" button) opens it: the form filled in. Pages
 * have long titles and addresses: they are let in and cut or refused on the form, in words.
 */
export const SubmitQuery = Type.Object({
  url: Type.Optional(Type.String({ maxLength: 4 * URL_MAX })),
  title: Type.Optional(Type.String({ maxLength: 4 * TITLE_MAX })),
  forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })),
})

/** An admin's domain rule: add (or change) one, or remove it (`remove` names the domain). */
export const DomainRuleForm = Type.Object(
  {
    domain: text(DOMAIN_MAX),
    kind: Type.Union([Type.Literal('blocked'), Type.Literal('shortener')], { default: 'blocked' }),
    reason: text(DOMAIN_REASON_MAX),
  },
  { additionalProperties: false },
)
export const RemoveDomainRuleForm = Type.Object({ domain: text(DOMAIN_MAX) }, { additionalProperties: false })

/** Which post an alert form is about (the "Alert" link under each post). */
export const AlertQuery = Type.Object(
  {
    thread: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    reply: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
)

/** An alert: the post (as in AlertQuery), a reason from the list, and the member's words. */
export const AlertForm = Type.Object(
  {
    thread: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    reply: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    reason: text(40),
    note: text(ALERT_NOTE_MAX),
  },
  { additionalProperties: false },
)

/** A juror's vote: "leave it" or "hide it", and a few words for the poster. */
export const VoteForm = Type.Object(
  { vote: text(10), explanation: text(JURY_EXPLANATION_MAX) },
  { additionalProperties: false },
)
