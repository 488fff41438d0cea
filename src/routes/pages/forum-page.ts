import type { FastifyReply, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { findForum } from '../../db/forums.js'
import { listForumThreads, THREADS_PER_PAGE } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { mayChangeForumSettings } from '../../services/forum-settings.js'
import { presentThread } from '../../views/present-thread.js'
import { renderPage } from './render.js'

export interface ExcerptDefaults {
  paragraphs: number
  maxChars: number
}

/** What the moderators typed in the forum's settings, shown again with why it was refused. */
export interface SettingsDraft {
  excerptParagraphs: string
  excerptMaxChars: string
  error: string
}

/** A forum's page: its threads, and for moderators its settings (open, with a message, after a refused save). */
export async function showForumPage(
  pool: pg.Pool,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { slug: string; page: number; excerptDefaults: ExcerptDefaults; settings?: SettingsDraft },
  status = 200,
) {
  const forum = await findForum(pool, options.slug)
  if (!forum) throw notFound('unknown_forum', `There is no forum called "${options.slug}".`)
  const threads = await listForumThreads(pool, forum.id, THREADS_PER_PAGE, (options.page - 1) * THREADS_PER_PAGE)
  const settings = options.settings ?? {
    excerptParagraphs: String(forum.excerptParagraphs ?? ''),
    excerptMaxChars: String(forum.excerptMaxChars ?? ''),
  }
  return renderPage(
    request,
    reply,
    'forum',
    {
      title: forum.name,
      forum,
      excerptDefaults: options.excerptDefaults,
      canChangeSettings: mayChangeForumSettings(request.member),
      settings,
      threads: threads.map((t) => presentThread(t)),
      page: options.page,
      pages: Math.max(1, Math.ceil(forum.threadCount / THREADS_PER_PAGE)),
    },
    status,
  )
}
