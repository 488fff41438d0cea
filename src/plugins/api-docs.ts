import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

/**
 * The API's OpenAPI 3 document, made from the routes' own TypeBox schemas (so it cannot drift from
 * what the routes check and send), at /docs/json, and browsable at /docs. Only tagged routes are
 * in it: the JSON API tags each of its routes; pages are not part of it.
 */
export default fp<{ publicUrl: string }>(
  async (app, opts) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Broadsheet API',
          version: '1',
          description:
            'Post links, read digests and discuss them. Errors are always `{"error": "<code>", "message": "<plain words>"}`. ' +
            'A Bearer token comes from `POST /api/register` or `POST /api/login`; routes that act for a member answer 401 without one.',
        },
        servers: [{ url: opts.publicUrl }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        // Reading needs no token; acting as a member does.
        security: [{}, { bearer: [] }],
      },
      hideUntagged: true,
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
  },
  { name: 'api-docs' },
)
