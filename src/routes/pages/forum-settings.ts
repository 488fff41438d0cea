import type { FastifyPluginAsync } from 'fastify'
import { AppError } from '../../errors.js'
import { setForumExcerptSettings } from '../../services/forum-settings.js'
import { requireMember } from '../../plugins/auth.js'
import { renderPage } from './render.js'

interface SettingsForm {
  excerptParagraphs?: string
  excerptMaxChars?: string
}

/** An empty field means "the site default". */
const numberOrNull = (raw: string | undefined) => (raw === undefined || raw.trim() === '' ? null : Number(raw.trim()))

/** The moderators' form on a forum page: how much of an article this forum's digests quote. */
const forumSettingsRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Params: { slug: string }; Body: SettingsForm }>('/forums/:slug/settings', async (request, reply) => {
    const member = requireMember(request)
    const { slug } = request.params
    try {
      await setForumExcerptSettings(
        app.pool,
        member,
        slug,
        numberOrNull(request.body?.excerptParagraphs),
        numberOrNull(request.body?.excerptMaxChars),
      )
      return reply.redirect(`/forums/${encodeURIComponent(slug)}`, 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err
      return renderPage(
        request,
        reply,
        'error',
        { title: 'Forum settings not saved', status: 400, message: err.message },
        400,
      )
    }
  })
}

export default forumSettingsRoutes
