import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listForums } from '../../db/forums.js'

const ForumList = Type.Object(
  {
    forums: Type.Array(
      Type.Object(
        { slug: Type.String(), name: Type.String(), group: Type.String(), groupSlug: Type.String(), threadCount: Type.Integer() },
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
      forums: forums.map((f) => ({ slug: f.slug, name: f.name, group: f.groupName, groupSlug: f.groupSlug, threadCount: f.threadCount })),
    }
  })
}

export default forumRoutes
