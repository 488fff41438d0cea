import type pg from 'pg'
import { Redis } from 'ioredis'
import { deleteExpiredCounters, hitCounter } from '../db/rate-counters.js'
import { whenRedisReady } from '../queue/redis-ready.js'

/** Where rate-limit counters live, shared by every web process. */
export interface RateStore {
  readonly kind: 'redis' | 'postgres'
  /** Counts one hit on `key` in its window of `windowMs` (starting at its first hit): the hits so far and the ms left. */
  hit(key: string, windowMs: number): Promise<{ hits: number; resetMs: number }>
  /** Connected, or given up waiting (`READY_WAIT_MS`): the first requests are counted too. */
  ready(): Promise<void>
  close(): Promise<void>
}

export interface RateStoreSettings {
  redisUrl: string | undefined
  /** Redis key prefix (the queue's), so forums sharing a Redis never share counters. */
  prefix: string
  pool: pg.Pool
}

/** Like the queue: Redis when REDIS_URL is set, otherwise a table in the application's Postgres. */
export const openRateStore = (settings: RateStoreSettings): RateStore =>
  settings.redisUrl ? openRedisStore(settings.redisUrl, settings.prefix) : openPostgresStore(settings.pool)

// INCR and the expiry in one step: a counter can never be left without its expiry.
const HIT_SCRIPT = `local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}`

/** A member waits for this at most when Redis stops answering; the limiter then lets them through. */
const REDIS_COMMAND_TIMEOUT_MS = 1000
/** How long a starting web process waits for Redis before it answers requests. */
const READY_WAIT_MS = 5000

function openRedisStore(url: string, prefix: string): RateStore {
  // A hit sent while connecting (the first, or during a reconnect) waits for the connection, but
  // never longer than the command timeout; a hit never retries.
  const redis = new Redis(url, { maxRetriesPerRequest: 0, commandTimeout: REDIS_COMMAND_TIMEOUT_MS })
  // Reconnects by itself; failed hits are reported by the limiter.
  redis.on('error', () => {})
  return {
    kind: 'redis',
    async hit(key, windowMs) {
      // Redis refused or dropped the last connection: nothing to wait for until it is back.
      if (redis.status === 'reconnecting') throw new Error('Redis is not connected')
      const [hits, ttl] = (await redis.eval(HIT_SCRIPT, 1, `${prefix}:rate:${key}`, windowMs)) as [number, number]
      return { hits, resetMs: ttl > 0 ? ttl : windowMs }
    },
    ready: () => whenRedisReady(redis, READY_WAIT_MS),
    close: async () => {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/** How often a web process deletes counters whose window ended (any process may; all do, rarely). */
const SWEEP_MS = 10 * 60_000

function openPostgresStore(pool: pg.Pool): RateStore {
  const sweep = setInterval(() => {
    deleteExpiredCounters(pool).catch(() => {})
  }, SWEEP_MS)
  sweep.unref()
  return {
    kind: 'postgres',
    async hit(key, windowMs) {
      const { hits, resetMs } = await hitCounter(pool, key, windowMs)
      return { hits, resetMs: Math.max(0, resetMs) }
    },
    ready: async () => {},
    close: async () => clearInterval(sweep),
  }
}
