import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listForums } from '../../db/forums.js'
import { setForumExcerptSettings } from '../../services/forum-settings.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody } from '../../schemas/common.js'
import { FORUM_SLUG_MAX } from '../../limits.js'

const NullableInteger = Type.Union([Type.Integer(), Type.Null()])

const ForumList = Type.Object(
  {
    forums: Type.Array(
      Type.Object(
        {
          slug: Type.String(),
          name: Type.String(),
          group: Type.String(),
          groupSlug: Type.String(),
          threadCount: Type.Integer(),
          excerptParagraphs: NullableInteger,
          excerptMaxChars: NullableInteger,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

const forumRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/forums', { schema: { response: { 200: ForumList } } }, async () => {
    const forums = await listForums(app.pool)
    return {
      forums: forums.map((f) => ({
        slug: f.slug,
        name: f.name,
        group: f.groupName,
        groupSlug: f.groupSlug,
        threadCount: f.threadCount,
        excerptParagraphs: f.excerptParagraphs,
        excerptMaxChars: f.excerptMaxChars,
      })),
    }
  })

  app.patch(
    '/forums/:slug',
    {
      schema: {
        params: Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) }, { additionalProperties: false }),
        body: Type.Object(
          { excerptParagraphs: NullableInteger, excerptMaxChars: NullableInteger },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            forum: Type.Object({
              slug: Type.String(),
              excerptParagraphs: NullableInteger,
              excerptMaxChars: NullableInteger,
            }),
          }),
          '4xx': ErrorBody,
        },
      },
    },
    async (request) => {
      const { excerptParagraphs, excerptMaxChars } = request.body
      await setForumExcerptSettings(
        app.pool,
        requireMember(request),
        request.params.slug,
        excerptParagraphs,
        excerptMaxChars,
      )
      return { forum: { slug: request.params.slug, excerptParagraphs, excerptMaxChars } }
    },
  )
}

export default forumRoutes
