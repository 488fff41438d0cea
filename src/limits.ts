/**
 * Every length and count limit a member or operator can run into, in one place: the TypeBox
 * schemas, the services' checks, the configuration ranges and the forms (through the view data)
 * all read these, so they cannot disagree.
 */

/** A submitted link. */
export const URL_MAX = 2048
/** The poster's own words that go with a link. */
export const COMMENT_MAX = 5000
/** One reply. */
export const REPLY_MAX = 20000

export const USERNAME_MIN = 3
export const USERNAME_MAX = 24
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,23}$/
export const USERNAME_RULE = `Usernames are ${USERNAME_MIN} to ${USERNAME_MAX} letters, digits, dots, dashes or underscores, starting with a letter or digit.`
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 200
export const PASSWORD_RULE = `Passwords are ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`

/** A headline, extracted or written by hand. */
export const TITLE_MIN = 3
export const TITLE_MAX = 200

/** A digest's excerpt written by hand. */
export const EXCERPT_EDIT_PARAGRAPHS_MAX = 20
export const EXCERPT_PARAGRAPH_MAX = 3000

/** Excerpt settings, site-wide (environment) and per forum (moderators): [min, max]. */
export const EXCERPT_PARAGRAPHS_RANGE = [1, 20] as const
export const EXCERPT_MAX_CHARS_RANGE = [200, 20000] as const

/** A forum's slug in a URL or a form. */
export const FORUM_SLUG_MAX = 100

/**
 * Entries in a feed: the newest twenty, as most sites' feeds carry. Every reader that polls after a
 * change downloads the whole feed, so each entry counts: thirty made the Latest feed 35 KB, twenty 24 KB.
 */
export const FEED_ENTRIES = 20

/** Replies on one page of a thread, in tree order: a long discussion is paged, its tree kept. */
export const REPLIES_PER_PAGE = 20
/** Replies nest this deep on a page; deeper answers continue at this level, saying whom they answer. */
export const REPLY_INDENT_MAX = 4

/** A member's few words about themselves. */
export const BIO_MAX = 1000

/** Why a moderator acted, as the public moderation log shows it. */
export const MODERATION_REASON_MAX = 500
/** A suspension lasts from an hour to a year (in hours). */
export const SUSPENSION_HOURS_RANGE = [1, 24 * 365] as const
/** Entries on one page of the public moderation log. */
export const MODERATION_LOG_PAGE = 50
/** A domain an admin keeps a rule for (RFC 1035's longest name), and the reason they give. */
export const DOMAIN_MAX = 253
export const DOMAIN_REASON_MAX = 300

/** The article text kept for search, in characters (Postgres limits a search vector to 1 MB). */
export const ARTICLE_TEXT_MAX = 200_000

/** A search: its words and operators (site:, by:, forum:). */
export const SEARCH_QUERY_MAX = 200
/** What an alerting member adds in their own words ("other", or more about the reason). */
export const ALERT_NOTE_MAX = 500
/** A juror's short explanation of their vote, shown to the poster. */
export const JURY_EXPLANATION_MAX = 500
