import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { buildTestApp } from '../helpers/build-app.js'
import { until } from '../helpers/fault-counts.js'
import { spawnBroadsheet } from '../helpers/worker-process.js'

t.test('SIGTERM while start-up waits for a Redis that is not there: what started closes, and it exits', async (t) => {
  const { config } = await buildTestApp(t)
  const [port, redisPort] = [await freePort(), await freePort()]
  // Nothing listens at REDIS_URL: the web answers, the worker's start waits for its connection.
  const broadsheet = spawnBroadsheet(t, config, 'src/start.ts', {
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    PORT: String(port),
    HOST: '127.0.0.1',
  })
  await until(
    'the web answers',
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true,
    60_000,
  )
  t.notMatch(broadsheet.output(), 'Digest worker running', 'the worker is still waiting for Redis')

  broadsheet.signal('SIGTERM')
  const stoppedAt = Date.now()
  const code = await Promise.race([
    broadsheet.exited,
    new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
  ])
  t.equal(code, 0, 'it exits, cleanly, without waiting for the start-up that cannot end')
  t.comment(`stopped ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after SIGTERM`)
  t.match(broadsheet.output(), 'Closed the web server', 'the web server and its pool were closed')
  t.notMatch(broadsheet.output(), 'exiting anyway', 'not by the last-resort timer')
})
