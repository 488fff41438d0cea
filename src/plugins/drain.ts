import fp from 'fastify-plugin'

/**
 * A graceful close that ends: once Fastify stops accepting (it answers new requests 503 and
 * closes the server), the requests in flight finish, and their connections then close rather than
 * wait for another request that will never come (Fastify's close waits for every connection,
 * and the database pool closes only after it). Connections still open after `limitMs` (a request
 * that will not finish) are closed, so the rest of the shutdown still happens in order.
 */
export default fp<{ limitMs: number }>(
  async (app, { limitMs }) => {
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
      const timer = setTimeout(() => {
        app.log.warn(`Requests still running after ${limitMs / 1000} s of shutting down; closing their connections.`)
        app.server.closeAllConnections()
      }, limitMs)
      timer.unref()
      app.server.once('close', () => clearTimeout(timer))
    })
    // Callback hooks: an async one costs every request a promise.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (closing && request.raw.httpVersionMajor < 2) reply.header('connection', 'close')
      done(null, payload)
    })
    app.addHook('onResponse', (_request, _reply, done) => {
      // An answer whose head went out before the close began leaves its connection open and idle.
      if (closing) setImmediate(() => app.server.closeIdleConnections())
      done()
    })
  },
  { name: 'drain' },
)
