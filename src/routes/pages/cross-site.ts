import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../errors.js'

/**
 * Forms may only be sent from this site's own pages. SameSite=Lax cookies
 * already keep other sites from posting as a signed-in member; this also
 * stops them logging a visitor in or out, or registering them, behind their
 * back. Browsers say where a form came from (Sec-Fetch-Site, Origin); clients
 * that say nothing (scripts, tests) are not browsers being tricked. A callback hook: an async one
 * would cost every page read a promise.
 */
export function refuseCrossSiteForms(request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
  if (request.method === 'GET' || request.method === 'HEAD') return done()
  const site = request.headers['sec-fetch-site']
  const origin = request.headers.origin
  const fromElsewhere =
    (site !== undefined && site !== 'same-origin' && site !== 'none') ||
    (origin !== undefined && origin !== `${request.protocol}://${request.host}`)
  if (!fromElsewhere) return done()
  done(
    new AppError(403, 'cross_site_form', 'This form was sent from another site. Open the page here and send it again.'),
  )
}
