import type { FastifyPluginAsync } from 'fastify'
import type { AppConfig } from '../../config.js'
import { toPublicError } from '../errors.js'
import { refuseCrossSiteForms } from './cross-site.js'
import browseRoutes from './browse.js'
import forumSettingsRoutes from './forum-settings.js'
import memberRoutes from './members.js'
import ownReplyRoutes from './own-replies.js'
import { joinLineBreaks, loginRedirect, renderPage } from './render.js'
import threadCareRoutes from './thread-care.js'
import threadRoutes from './threads.js'
import { threadPageOf } from './thread-page.js'
import recRoutes from './recs.js'
import notificationRoutes from './notifications.js'
import juryPageRoutes from './juries.js'
import faviconRoute from './favicon.js'
import moderationPageRoutes from './moderation.js'
import moderationLogRoutes from './moderation-log.js'
import staffRoutes from './staff.js'
import feedRoutes from './feeds.js'
import helpRoutes from './help.js'
import domainRulePages from './domain-rules.js'
import searchRoutes from './search.js'

/** Server-rendered pages: session cookie, HTML error page. */
const pages: FastifyPluginAsync<{ config: AppConfig }> = async (app, opts) => {
  app.addHook('onRequest', app.readSessionCookie)
  app.addHook('onRequest', refuseCrossSiteForms)
  app.addHook('preValidation', joinLineBreaks)

  app.setErrorHandler((err, request, reply) => {
    const pub = toPublicError(err)
    if (!pub.expected) request.log.error({ err }, 'page failed')
    if (pub.status === 401 && request.method === 'GET') return reply.redirect(loginRedirect(request), 303)
    return renderPage(request, reply, 'error', { title: 'Error', status: pub.status, message: pub.message }, pub.status)
  })

  app.setNotFoundHandler((request, reply) =>
    renderPage(
      request,
      reply,
      'error',
      { title: 'Not found', status: 404, message: 'There is no page at this address.' },
      404,
    ),
  )

  const excerptDefaults = { paragraphs: opts.config.excerptParagraphs, maxChars: opts.config.excerptMaxChars }
  await app.register(browseRoutes, { excerptDefaults })
  await app.register(forumSettingsRoutes, { excerptDefaults })
  const threadPage = threadPageOf(app, opts.config)
  await app.register(threadRoutes, { config: opts.config, threadPage })
  await app.register(threadCareRoutes)
  await app.register(recRoutes, { threadPage })
  await app.register(notificationRoutes)
  await app.register(juryPageRoutes, { config: opts.config })
  await app.register(ownReplyRoutes)
  await app.register(faviconRoute)
  await app.register(moderationPageRoutes)
  await app.register(moderationLogRoutes)
  await app.register(staffRoutes)
  await app.register(feedRoutes, { publicUrl: opts.config.publicUrl })
  await app.register(helpRoutes, { publicUrl: opts.config.publicUrl })
  await app.register(domainRulePages)
  await app.register(searchRoutes)
  await app.register(memberRoutes, {
    secureCookies: opts.config.publicUrl.startsWith('https:'),
    newMemberDays: opts.config.newMemberDays,
  })
}

export default pages
