import { Type } from 'typebox'
import { FORUM_SLUG_MAX, URL_MAX } from '../limits.js'

/**
 * A search's fields, for the API and the page alike. The words' own limit is checked by the
 * search itself, which says so in words; this only bounds what is read at all.
 */
const searchFields = {
  forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })),
  type: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('threads'), Type.Literal('replies')])),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
}

export const SearchQuery = Type.Object(
  { q: Type.String({ maxLength: URL_MAX }), ...searchFields },
  { additionalProperties: false },
)

/** The page opens without a search: the empty form. */
export const SearchPageQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: URL_MAX })), ...searchFields },
  { additionalProperties: false },
)

const SearchResult = Type.Object(
  {
    kind: Type.Union([Type.Literal('thread'), Type.Literal('reply')]),
    id: Type.Integer(),
    threadId: Type.Integer(),
    url: Type.String(),
    heading: Type.String(),
    site: Type.Union([Type.String(), Type.Null()]),
    siteName: Type.Union([Type.String(), Type.Null()]),
    forum: Type.Object({ slug: Type.String(), name: Type.String() }, { additionalProperties: false }),
    author: Type.String(),
    authorStar: Type.Boolean(),
    createdAt: Type.String(),
    replyCount: Type.Integer(),
    snippet: Type.String(),
    snippetHtml: Type.String(),
  },
  { additionalProperties: false },
)

export const SearchResults = Type.Object(
  {
    results: Type.Array(SearchResult),
    page: Type.Integer(),
    nextPage: Type.Union([Type.Integer(), Type.Null()]),
  },
  { additionalProperties: false },
)
