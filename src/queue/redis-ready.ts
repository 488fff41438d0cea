import type { Redis } from 'ioredis'

/**
 * Resolves once `redis` is connected, or after `waitMs` (or once it has given up for good),
 * whichever comes first: a connection just opened gets its moment to connect before its first
 * command, without a Redis that is away holding anyone up for longer.
 */
export function whenRedisReady(redis: Redis, waitMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    if (redis.status === 'ready' || redis.status === 'end') return resolve()
    const timer = setTimeout(done, waitMs)
    function done() {
      clearTimeout(timer)
      redis.off('ready', done)
      redis.off('end', done)
      resolve()
    }
    redis.once('ready', done)
    redis.once('end', done)
  })
}
