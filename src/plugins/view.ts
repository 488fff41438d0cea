import fp from 'fastify-plugin'
import view from '@fastify/view'
import { VIEWS_DIR } from '../paths.js'
import { eta, templateContext } from '../render/eta.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The time zone pages show times in (TIME_ZONE). */
    timeZone: string
  }
}

export default fp<{ timeZone: string }>(
  async (app, opts) => {
    app.decorate('timeZone', opts.timeZone)
    // Eta escapes every <%= %> by default; only pre-rendered blocks use <%~ %>.
    await app.register(view, {
      engine: { eta },
      templates: VIEWS_DIR,
      production: true,
      defaultContext: templateContext(opts.timeZone),
    })
  },
  { name: 'view' },
)
