import type { FastifyPluginAsync } from 'fastify'

/** Browsers ask for /favicon.ico whatever the page says; the icon itself lives with the other static files. */
const faviconRoute: FastifyPluginAsync = async (app) => {
  app.get('/favicon.ico', (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=604800').sendFile('favicon.ico'),
  )
}

export default faviconRoute
