import { Eta } from 'eta'
import { VIEWS_DIR } from '../paths.js'
import * as limits from '../limits.js'
import * as helpers from './helpers.js'
import { asciiTemplateText } from './ascii-text.js'

/** The one template engine: pages through @fastify/view, members' parts of cached pages directly. */
export const eta = new Eta({
  views: VIEWS_DIR,
  cache: true,
  autoEscape: true,
  autoTrim: [false, 'nl'],
  plugins: [asciiTemplateText],
})

/** What every template sees besides its data. Forms take their maxlength and rules from the same limits the schemas and services use. */
export const templateContext = (timeZone: string) => ({ h: helpers, limits, timeZone })
