import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { FastifyAdapter } from '@bull-board/fastify'
import type { FastifyPluginAsync } from 'fastify'
import { looserHeaders } from '../plugins/security-headers.js'
import { isAdmin } from '../services/permissions.js'
import { refuseCrossSiteForms } from './pages/cross-site.js'
import { loginRedirect, pageContext } from './pages/render.js'

const ADMIN_QUEUES_PATH = '/admin/queues'

/**
 * Bull Board: the digest queue's jobs, for admins (retry, remove, look at a failure's stack). It
 * reads the queue through BullMQ itself, so it shows the Redis queue and the Postgres one
 * (zero-config) alike; on Postgres its "Redis" panel shows the database's figures instead.
 */
const adminQueueRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.readSessionCookie)
  app.addHook('onRequest', refuseCrossSiteForms)
  // Bull Board's app sets styles inline and finds its files through <base href>; its scripts are
  // still files of its own. Its web font (Google Fonts) stays refused: the board uses system fonts.
  app.addHook('onRequest', looserHeaders({ 'style-src': ["'self'", "'unsafe-inline'"], 'base-uri': ["'self'"] }))
  // Answered here, before Bull Board's own routes (and its own error handler) see the request.
  app.addHook('onRequest', async (request, reply) => {
    if (isAdmin(request.member)) return
    const message = request.member ? 'Only admins may see the job queue.' : 'Log in as an admin to see the job queue.'
    // Bull Board's own calls get JSON; a browser opening the board gets the log-in page or an error page.
    if (request.url.startsWith(`${ADMIN_QUEUES_PATH}/api/`)) {
      return reply
        .code(request.member ? 403 : 401)
        .send({ error: request.member ? 'forbidden' : 'unauthorized', message })
    }
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    // Bull Board's scope has a view engine of its own: the site's error page comes from this scope's.
    const html = await app.view('error', { ...pageContext(request), title: 'Not allowed', status: 403, message })
    return reply.code(403).header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(html)
  })

  const server = new FastifyAdapter()
  server.setBasePath(ADMIN_QUEUES_PATH)
  createBullBoard({
    queues: [new BullMQAdapter(app.digestQueue, { readOnlyMode: false })],
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Broadsheet queue', hideDocsLink: true } },
  })
  await app.register(server.registerPlugin(), { prefix: ADMIN_QUEUES_PATH })
}

export default adminQueueRoutes
