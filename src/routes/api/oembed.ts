import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { findFeedStates, type FeedState } from '../../db/feed-posts.js'
import { findThread } from '../../db/threads.js'
import { AppError, notFound } from '../../errors.js'
import { URL_MAX } from '../../limits.js'
import { ErrorBody } from '../../schemas/common.js'
import { linkPreview } from '../../views/link-preview.js'

const OembedQuery = Type.Object(
  {
    url: Type.String({ maxLength: URL_MAX }),
    format: Type.Optional(Type.String({ maxLength: 10 })),
    maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  },
  { additionalProperties: false },
)

const Oembed = Type.Object(
  {
    version: Type.Literal('1.0'),
    type: Type.Literal('link'),
    title: Type.String(),
    provider_name: Type.String(),
    provider_url: Type.String(),
    author_name: Type.String(),
    author_url: Type.String(),
    thumbnail_url: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
)

/** oEmbed (a "link" answer) for a thread's address, so sites that embed links show its headline and poster. */
const oembedRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  app.get(
    '/oembed',
    { schema: { querystring: OembedQuery, response: { 200: Oembed, '4xx': ErrorBody, '5xx': ErrorBody } } },
    async (request) => {
      if (request.query.format !== undefined && request.query.format !== 'json')
        throw new AppError(501, 'format_not_supported', 'Only the json format is offered.')
      const prefix = `${publicUrl}/threads/`
      // The thread's address, with its headline's slug or without: /threads/123-the-headline.
      const path = request.query.url.startsWith(prefix) ? request.query.url.slice(prefix.length).split(/[?#]/)[0]! : ''
      const id = Number(/^(\d+)(?:-[a-z0-9-]*)?$/.exec(path)?.[1] ?? NaN)
      const known = Number.isSafeInteger(id) && id > 0
      const [thread, states] = known
        ? await Promise.all([findThread(app.pool, id), findFeedStates(app.pool, [id])])
        : [undefined, new Map<number, FeedState>()]
      if (!thread || states.get(id)?.hidden)
        throw notFound('unknown_thread', 'That address is not a thread of this forum.')
      const preview = linkPreview(thread, publicUrl)
      return {
        version: '1.0' as const,
        type: 'link' as const,
        title: preview.title,
        provider_name: 'Broadsheet',
        provider_url: `${publicUrl}/`,
        author_name: thread.authorName,
        author_url: `${publicUrl}/members/${encodeURIComponent(thread.authorName)}`,
        ...(preview.image ? { thumbnail_url: preview.image } : {}),
      }
    },
  )
}

export default oembedRoutes
