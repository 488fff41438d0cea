import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../../errors.js'
import { FORUM_SLUG_MAX } from '../../limits.js'
import { setForumExcerptSettings } from '../../services/forum-settings.js'
import { requireMember } from '../../plugins/auth.js'
import { ForumSettingsForm } from '../../schemas/forms.js'
import { showForumPage, type ExcerptDefaults } from './forum-page.js'
import { formRefusal, typed } from './render.js'

/** An empty field means "the site default"; anything else the service checks. */
const numberOrNull = (raw: string) => (raw.trim() === '' ? null : Number(raw.trim()))

/** The moderators' form on a forum page: how much of an article this forum's digests quote. */
const forumSettingsRoutes: FastifyPluginAsyncTypebox<{ excerptDefaults: ExcerptDefaults }> = async (
  app,
  { excerptDefaults },
) => {
  app.post(
    '/forums/:slug/settings',
    {
      schema: { params: Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) }), body: ForumSettingsForm },
      attachValidation: true,
    },
    async (request, reply) => {
      const refused = formRefusal(request)
      const member = requireMember(request)
      const { slug } = request.params
      const typedIn = {
        excerptParagraphs: typed(request.body?.excerptParagraphs),
        excerptMaxChars: typed(request.body?.excerptMaxChars),
      }
      try {
        if (refused) throw new AppError(400, 'invalid_request', refused)
        await setForumExcerptSettings(
          app.pool,
          member,
          slug,
          numberOrNull(typedIn.excerptParagraphs),
          numberOrNull(typedIn.excerptMaxChars),
        )
        return reply.redirect(`/forums/${encodeURIComponent(slug)}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 400) throw err
        return showForumPage(
          app,
          request,
          reply,
          { slug, query: {}, excerptDefaults, draft: { ...typedIn, error: err.message } },
          400,
        )
      }
    },
  )
}

export default forumSettingsRoutes
