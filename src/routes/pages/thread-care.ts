import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ThreadRow } from '../../db/threads.js'
import { AppError } from '../../errors.js'
import { editThreadDigest, loadThreadFor, paragraphsOf, retryThreadDigest } from '../../services/digest-edits.js'
import { requireMember } from '../../plugins/auth.js'
import { IdParams } from '../../schemas/common.js'
import { renderPage } from './render.js'

interface EditForm {
  title?: string
  excerpt?: string
}

/** Forms for the poster (or a moderator) to fix a digest by hand or try a failed one again. */
const threadCareRoutes: FastifyPluginAsync = async (app) => {
  const showEditForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    thread: ThreadRow,
    form: { title: string; excerpt: string; error?: string },
    status = 200,
  ) =>
    renderPage(
      request,
      reply,
      'edit-thread',
      { title: `Edit the digest: ${thread.title ?? thread.submittedUrl}`, thread, form },
      status,
    )

  app.get<{ Params: { id: number } }>('/threads/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const thread = await loadThreadFor(app.pool, requireMember(request), request.params.id)
    return showEditForm(request, reply, thread, { title: thread.title ?? '', excerpt: thread.excerpt.join('\n\n') })
  })

  app.post<{ Params: { id: number }; Body: EditForm }>(
    '/threads/:id/edit',
    { schema: { params: IdParams } },
    async (request, reply) => {
      const member = requireMember(request)
      const id = request.params.id
      const form = { title: String(request.body?.title ?? ''), excerpt: String(request.body?.excerpt ?? '') }
      try {
        await editThreadDigest(app.pool, member, id, form.title, paragraphsOf(form.excerpt))
        return reply.redirect(`/threads/${id}`, 303)
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404 || err.status === 403) throw err
        return showEditForm(
          request,
          reply,
          await loadThreadFor(app.pool, member, id),
          { ...form, error: err.message },
          err.status,
        )
      }
    },
  )

  app.post<{ Params: { id: number } }>(
    '/threads/:id/retry',
    { schema: { params: IdParams } },
    async (request, reply) => {
      const id = request.params.id
      await retryThreadDigest(app.pool, app.digestQueue, requireMember(request), id)
      return reply.redirect(`/threads/${id}`, 303)
    },
  )
}

export default threadCareRoutes
