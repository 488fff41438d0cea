import fp from 'fastify-plugin'
import view from '@fastify/view'
import { Eta } from 'eta'
import { VIEWS_DIR } from '../paths.js'
import * as limits from '../limits.js'
import * as helpers from '../render/helpers.js'

export default fp<{ timeZone: string }>(
  async (app, opts) => {
    // Eta escapes every <%= %> by default; only pre-rendered blocks use <%~ %>.
    const eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true, autoTrim: [false, 'nl'] })
    await app.register(view, {
      engine: { eta },
      templates: VIEWS_DIR,
      production: true,
      // Forms take their maxlength and rules from the same limits the schemas and services use.
      defaultContext: { h: helpers, limits, timeZone: opts.timeZone },
    })
  },
  { name: 'view' },
)
