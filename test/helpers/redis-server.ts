import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { Redis } from 'ioredis'
import { freePort } from '../../scripts/throwaway-database.js'
import type { Teardown } from './build-app.js'

const REDIS_SERVER = '/usr/bin/redis-server'

/** Why a test of its own Redis cannot run here, or false when it can. */
export const noRedisServer = () => !existsSync(REDIS_SERVER) && `${REDIS_SERVER} is not installed`

/**
 * A Redis of the test's own, on a free port, that it may flush, stop and start again: the
 * shared Redis serves other test files. Nothing is saved to disk, so a restart starts empty,
 * as a Redis without persistence does. With `running: false` nothing listens on its port until
 * the test calls `start()`. Stopped in teardown.
 */
export async function startRedisServer(t: Teardown, { running = true } = {}) {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let server: ChildProcess | undefined

  const start = async () => {
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    )
    server = child
    // A test process that ends without its teardown (a timeout) takes its Redis with it.
    const orphaned = () => child.kill('SIGKILL')
    process.once('exit', orphaned)
    child.once('exit', () => process.off('exit', orphaned))
    await untilAnswers(url, child)
  }
  /** SIGTERM: Redis closes its connections and exits. SIGKILL: it crashes, mid-command or frozen. */
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const child = server
    server = undefined
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill(signal)
    await exited
  }

  if (running) await start()
  t.teardown(() => stop('SIGKILL'))
  return {
    url,
    start,
    stop,
    /** Redis stops answering with its connections open, as a paused machine or a long-blocking command leaves it. */
    freeze: () => server?.kill('SIGSTOP'),
    /** FLUSHDB, as an operator's mistake or a failover to an empty replica would leave it. */
    async flush() {
      const redis = new Redis(url)
      try {
        await redis.flushdb()
      } finally {
        redis.disconnect()
      }
    },
  }
}

async function untilAnswers(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`)
    const redis = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
    redis.on('error', () => undefined)
    const answered = await redis.connect().then(
      () => redis.ping(),
      () => undefined,
    )
    redis.disconnect()
    if (answered === 'PONG') return
    if (i > 200) throw new Error(`redis-server on ${url} did not answer`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export type RedisServer = Awaited<ReturnType<typeof startRedisServer>>
