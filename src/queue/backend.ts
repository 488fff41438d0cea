import { Queue, Worker, createPostgresBackend, withBackend, type Job, type JobType, type JobsOptions } from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'
import { CONNECT_TIMEOUT_MS } from '../db/pool.js'
import { whenRedisReady } from './redis-ready.js'

/** What the app and the worker use of a queue, whichever store carries it. */
export interface JobQueue {
  add(name: string, data: object, opts?: JobsOptions): Promise<unknown>
  getJob(id: string): Promise<{ id?: string | undefined; getState(): Promise<string> } | undefined>
  remove(jobId: string): Promise<number>
  /** How many jobs are in each of these states (for /metrics and the readiness check). */
  getJobCounts(...states: JobType[]): Promise<Record<string, number>>
  /** A lost connection to the store (a restarting Postgres); with no listener, BullMQ prints a raw stack trace. */
  on(event: 'error', listener: (err: Error) => void): unknown
  close(): Promise<void>
}

export interface JobWorker {
  on(event: 'error', listener: (err: Error) => void): unknown
  on(event: 'failed', listener: (job: { id?: string | undefined } | undefined, err: Error) => void): unknown
  waitUntilReady(): Promise<unknown>
  /** Aborts the `signal` of every job in hand (a processor that declares it gets one). */
  cancelAllJobs(reason?: string): void
  /** Takes no new jobs and resolves once the jobs in hand have ended. */
  close(): Promise<void>
}

/**
 * `token` is the job's lock token, which moving a job back to the delayed set needs; `signal` is
 * aborted when the worker cancels the job. BullMQ passes the signal only to a processor that
 * declares all three parameters.
 */
export type JobProcessor = (job: Job<unknown>, token?: string, signal?: AbortSignal) => Promise<unknown>

/** How long a worker holds a job before another may take it over, and how often it looks for such jobs. */
export interface WorkerTiming {
  lockMs: number
  stalledCheckMs: number
}

export interface QueueBackend {
  /** For logs only: nothing else in the code knows which store carries the queue. */
  readonly kind: 'redis' | 'postgres'
  /** BullMQ's own Queue whichever store carries it, which is what Bull Board takes. */
  createQueue(name: string, defaultJobOptions: JobsOptions): Queue
  /** Job data arrives as `unknown`: the processor checks its shape. Without `timing`, BullMQ's (30 s each). */
  createWorker(name: string, processor: JobProcessor, concurrency: number, timing?: WorkerTiming): JobWorker
  /**
   * Why the queues made here cannot reach their store at this moment, in a few words for an
   * operator, or undefined when nothing is known to be wrong (a store that does not answer is
   * found only by asking it).
   */
  unavailable(): string | undefined
  /**
   * What an operator should change in the store, in sentences for the log: the queues of the web
   * skip BullMQ's own check (it would hold the first post until Redis answers), so it is made
   * here once, after they have connected, and nothing waits for it.
   */
  storeWarnings(): Promise<string[]>
  /**
   * Resolves once the queues made so far have connected to their store, or have waited
   * `FIRST_CONNECT_WAIT_MS` for it: their commands fail at once while it is away, so the first
   * ones wait for the first connection here.
   */
  ready(): Promise<void>
  close(): Promise<void>
}

export interface QueueSettings {
  redisUrl: string | undefined
  databaseUrl: string
  /** Redis key prefix, or the Postgres schema that holds BullMQ's tables. */
  prefix: string
}

/**
 * The one place that chooses what carries the queue: Redis when REDIS_URL is
 * set (the production default), otherwise BullMQ's own PostgreSQL backend on
 * the application's database, so a machine with only Node runs everything.
 */
export function openQueueBackend(settings: QueueSettings): QueueBackend {
  return settings.redisUrl
    ? openRedisBackend(settings.redisUrl, settings.prefix)
    : openPostgresBackend(settings.databaseUrl, settings.prefix)
}

/** Far above a queue command's usual millisecond, far below what a member waits for a page. */
const QUEUE_COMMAND_TIMEOUT_MS = 2000
/** A Redis that is there answers a new connection within milliseconds. */
const FIRST_CONNECT_WAIT_MS = 5000

function openRedisBackend(url: string, prefix: string): QueueBackend {
  const connections: Redis[] = []
  const producers: Redis[] = []
  const connect = (options: RedisOptions) => {
    const redis = new Redis(url, options)
    connections.push(redis)
    return redis
  }
  const connectProducer = () => {
    const redis = connect({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: QUEUE_COMMAND_TIMEOUT_MS,
    })
    producers.push(redis)
    return redis
  }
  return {
    kind: 'redis',
    // Adding a job fails at once while Redis is away instead of hanging the member's request:
    // the thread is already stored and the worker's sweep queues it later. Nothing waits for a
    // reconnect: not a command sent before (it would be sent again once Redis is back, however
    // late), not one that Redis, frozen, never answers, not the first connection (BullMQ would
    // hold every command until Redis has answered once, and ask its version first: the workers'
    // connections still check it).
    createQueue: (name: string, defaultJobOptions: JobsOptions) =>
      new Queue(name, {
        connection: connectProducer(),
        skipWaitingForReady: true,
        skipVersionCheck: true,
        prefix,
        defaultJobOptions,
      }),
    // Workers block on their connection and wait out outages, so BullMQ requires no per-request retry limit.
    createWorker: (name: string, processor: JobProcessor, concurrency: number, timing?: WorkerTiming) =>
      new Worker(name, processor, {
        connection: connect({ maxRetriesPerRequest: null }),
        prefix,
        concurrency,
        ...workerTimingOptions(timing),
      }),
    ready: async () => {
      await Promise.all(producers.map((redis) => whenRedisReady(redis, FIRST_CONNECT_WAIT_MS)))
    },
    storeWarnings: async () => {
      const redis = producers.find((r) => r.status === 'ready')
      return redis ? redisWarnings(await redis.info('server'), await redis.info('memory')) : []
    },
    unavailable: () => {
      const down = producers.find((redis) => redis.status !== 'ready')
      if (!down) return undefined
      const { host, port, path } = down.options
      return `Redis at ${path ?? `${host}:${port}`} is not connected (${down.status})`
    },
    close: async () => {
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())))
    },
  }
}

function openPostgresBackend(databaseUrl: string, schema: string): QueueBackend {
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend)
  // BullMQ creates and upgrades its own tables (idempotent, advisory-locked) in `schema`.
  const connection = (max: number) => ({
    connectionString: databaseUrl,
    schema,
    migrate: true,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  })
  return {
    kind: 'postgres',
    // The same Queue class over another store; its type names the Redis one, hence the cast.
    createQueue: (name: string, defaultJobOptions: JobsOptions) =>
      new PgQueue(name, { connection: connection(4), defaultJobOptions }) as unknown as Queue,
    createWorker: (name: string, processor: JobProcessor, concurrency: number, timing?: WorkerTiming) =>
      new PgWorker(name, processor, {
        connection: connection(concurrency + 2),
        concurrency,
        ...workerTimingOptions(timing),
      }),
    unavailable: () => undefined,
    storeWarnings: async () => [],
    ready: async () => {},
    close: async () => {},
  }
}

/** BullMQ refuses a Redis older than 5.0.0 and asks for 6.2.0 or newer. */
const REDIS_RECOMMENDED = [6, 2, 0]

/** BullMQ's own warnings about a Redis (its version, its eviction policy), from `INFO` sections. */
export function redisWarnings(...infos: string[]): string[] {
  const field = (name: string) =>
    infos
      .join('\n')
      .match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]
      ?.trim()
  const warnings: string[] = []
  const version = field('redis_version')
  const parts = version?.split('.').map(Number) ?? []
  const older = REDIS_RECOMMENDED.findIndex((want, i) => (parts[i] ?? 0) !== want)
  if (version && older >= 0 && (parts[older] ?? 0) < REDIS_RECOMMENDED[older]!)
    warnings.push(`Redis ${version} is older than the ${REDIS_RECOMMENDED.join('.')} BullMQ asks for: upgrade it.`)
  const policy = field('maxmemory_policy')
  if (policy && policy !== 'noeviction')
    warnings.push(
      `Redis evicts keys when full (maxmemory-policy ${policy}): queued digests could vanish. Set it to noeviction.`,
    )
  return warnings
}

const workerTimingOptions = (timing: WorkerTiming | undefined) =>
  timing ? { lockDuration: timing.lockMs, stalledInterval: timing.stalledCheckMs } : {}
