import { spawn } from 'node:child_process'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { ROOT } from '../../src/paths.js'
import { buildTestApp } from '../helpers/build-app.js'
import { until } from '../helpers/fault-counts.js'

t.test('SIGTERM while start-up waits for a Redis that is not there: what started closes, and it exits', async (t) => {
  const { config } = await buildTestApp(t)
  const [port, redisPort] = [await freePort(), await freePort()]
  const child = spawn(process.execPath, ['scripts/launch.mjs', 'src/start.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      DATABASE_URL: config.databaseUrl,
      DATABASE_SCHEMA: config.databaseSchema,
      QUEUE_PREFIX: config.queuePrefix,
      // Nothing listens there: the web answers, the worker's start waits for its connection.
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  await until(
    'the web answers',
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true,
    60_000,
  )
  t.notMatch(output, 'Digest worker running', 'the worker is still waiting for Redis')

  child.kill('SIGTERM')
  const stoppedAt = Date.now()
  const code = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000)),
  ])
  t.equal(code, 0, 'it exits, cleanly, without waiting for the start-up that cannot end')
  t.comment(`stopped ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after SIGTERM`)
  t.match(output, 'Closed the web server', 'the web server and its pool were closed')
  t.notMatch(output, 'exiting anyway', 'not by the last-resort timer')
})
