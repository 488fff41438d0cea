import { request } from 'node:http'
import Fastify from 'fastify'
import t from 'tap'
import dbPlugin from '../../src/plugins/db.js'
import { buildTestApp } from '../helpers/build-app.js'

t.test('closing waits for the queries of a request whose reader hung up before the pool ends', async (t) => {
  const { config } = await buildTestApp(t)
  const app = Fastify()
  await app.register(dbPlugin, { databaseUrl: config.databaseUrl, schema: config.databaseSchema })
  let handlerStarted!: () => void
  const started = new Promise<void>((resolve) => (handlerStarted = resolve))
  let handlerEnded!: (outcome: string) => void
  const ended = new Promise<string>((resolve) => (handlerEnded = resolve))
  app.get('/two-queries', async () => {
    handlerStarted()
    try {
      await app.pool.query('SELECT pg_sleep(0.4)')
      const { rows } = await app.pool.query<{ one: number }>('SELECT 1 AS one')
      handlerEnded(`answered ${rows[0]!.one}`)
    } catch (err) {
      handlerEnded(`failed: ${(err as Error).message}`)
    }
    return 'done'
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }

  const client = request({ host: '127.0.0.1', port, path: '/two-queries' })
  client.on('error', () => undefined)
  client.end()
  await started
  client.destroy()
  await app.close()

  t.equal(await ended, 'answered 1', 'the handler ran both of its queries')
  t.equal(app.pool.ended, true, 'and the pool ended after them')
})
