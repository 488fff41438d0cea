import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import type pg from 'pg'
import { DIGEST_QUEUE } from '../src/queue/jobs.js'

/*
 * What the load did, counted where it is kept: the digest queue's depth in
 * Redis, and the threads, digests and replies in Postgres.
 */

export interface DepthSample {
  /** Seconds since the load began. */
  at: number
  phase: 'load' | 'drain'
  waiting: number
  active: number
  /** Delayed jobs: retries in back-off, and jobs waiting for their site's turn. */
  delayed: number
  /** The members' threads whose digest is not settled yet, from Postgres. */
  unsettled: number
}

/** The bench's own queue prefix: emptied before and after each run, whatever else shares the Redis. */
export class DigestQueueWatch {
  private readonly connection: Redis
  private readonly queue: Queue

  constructor(redisUrl: string, prefix: string) {
    this.connection = new Redis(redisUrl)
    this.queue = new Queue(DIGEST_QUEUE, { connection: this.connection, prefix })
  }

  /** Removes every job and key of the queue, so a run starts and ends with nothing left over. */
  async empty(): Promise<void> {
    await this.queue.obliterate({ force: true })
  }

  async waitForWorkers(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while ((await this.queue.getWorkersCount()) < count) {
      if (Date.now() > deadline) throw new Error(`${count} workers did not connect to the queue within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  async depth(): Promise<{ waiting: number; active: number; delayed: number }> {
    const c = await this.queue.getJobCounts('wait', 'prioritized', 'active', 'delayed')
    return { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0 }
  }

  async close(): Promise<void> {
    await this.queue.close()
    this.connection.disconnect()
  }
}

/** Threads of these members whose digest is still pending or fetching. */
async function countUnsettled(pool: pg.Pool, memberIds: number[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM threads WHERE author_id = ANY($1) AND status IN ('pending', 'fetching')`,
    [memberIds],
  )
  return rows[0]!.n
}

/** The queue's depth and the members' unsettled threads, sampled over time from the start of the load. */
export class DepthLog {
  readonly samples: DepthSample[] = []
  private readonly started = performance.now()
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly queue: DigestQueueWatch,
    private readonly pool: pg.Pool,
    private readonly memberIds: number[],
    private readonly phase: () => DepthSample['phase'],
    everySeconds: number,
  ) {
    this.timer = setInterval(
      () =>
        void this.observe().then(
          (s) => this.samples.push(s),
          () => undefined,
        ),
      everySeconds * 1000,
    )
  }

  /** Seconds since the load began. */
  seconds(): number {
    return (performance.now() - this.started) / 1000
  }

  private async observe(): Promise<DepthSample> {
    const at = this.seconds()
    const phase = this.phase()
    const depth = await this.queue.depth()
    return { at, phase, ...depth, unsettled: await countUnsettled(this.pool, this.memberIds) }
  }

  /** Waits, at most `limitSeconds`, until no job is queued and every thread has settled; then stops sampling. */
  async drain(limitSeconds: number): Promise<void> {
    const deadline = performance.now() + limitSeconds * 1000
    const outstanding = (s: DepthSample) => s.waiting + s.active + s.delayed + s.unsettled
    let last = await this.observe()
    while (outstanding(last) > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      last = await this.observe()
    }
    clearInterval(this.timer)
    this.samples.sort((a, b) => a.at - b.at)
    if (last.at - (this.samples.at(-1)?.at ?? 0) > 1) this.samples.push(last)
  }
}

export interface Ledger {
  /** Of the threads whose post was answered 202, how many are in Postgres. */
  stored: number
  /** Every thread of the bench's members, acknowledged or not (a request that timed out may still have stored one). */
  byMembers: number
  ready: number
  failed: number
  unsettled: number
  failures: { reason: string; count: number }[]
  /** Post to settled digest, in seconds, for every settled thread. */
  settleSeconds: number[]
  repliesStored: number
  /** Recs the members hold in Postgres, and threads of theirs whose count disagrees with the recs kept. */
  recsStored: number
  recCountDrift: number
}

export async function countLedger(pool: pg.Pool, acceptedIds: number[], memberIds: number[]): Promise<Ledger> {
  const { rows: stored } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM threads WHERE id = ANY($1)',
    [acceptedIds],
  )
  const { rows: threads } = await pool.query<{ status: string; reason: string | null; seconds: number | null }>(
    `SELECT status, error_reason AS reason, extract(epoch FROM fetched_at - created_at)::float8 AS seconds
     FROM threads WHERE author_id = ANY($1)`,
    [memberIds],
  )
  const { rows: replies } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM replies WHERE author_id = ANY($1)',
    [memberIds],
  )
  const { rows: recs } = await pool.query<{ n: number; drift: number }>(
    `SELECT (SELECT count(*) FROM recs WHERE member_id = ANY($1))::int AS n,
            (SELECT count(*) FROM threads t WHERE t.id IN (SELECT thread_id FROM recs WHERE member_id = ANY($1))
               AND t.rec_count <> (SELECT count(*) FROM recs r WHERE r.thread_id = t.id))::int AS drift`,
    [memberIds],
  )
  const failures = new Map<string, number>()
  for (const t of threads)
    if (t.status === 'failed') failures.set(t.reason ?? 'unknown', (failures.get(t.reason ?? 'unknown') ?? 0) + 1)
  const settled = threads.filter((t) => t.status === 'ready' || t.status === 'failed')
  return {
    stored: stored[0]!.n,
    byMembers: threads.length,
    ready: threads.filter((t) => t.status === 'ready').length,
    failed: failures.size === 0 ? 0 : [...failures.values()].reduce((a, b) => a + b),
    unsettled: threads.length - settled.length,
    failures: [...failures].map(([reason, count]) => ({ reason, count })),
    settleSeconds: settled.map((t) => t.seconds ?? NaN).filter((s) => !Number.isNaN(s)),
    repliesStored: replies[0]!.n,
    recsStored: recs[0]!.n,
    recCountDrift: recs[0]!.drift,
  }
}
