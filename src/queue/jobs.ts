import type { JobsOptions } from 'bullmq'

/** The only place that names the queue and shapes its jobs. */
export const DIGEST_QUEUE = 'digest'
export const DIGEST_JOB = 'digest-thread'

/** Re-fetches a ready thread's source on a schedule (src/db/refresh.ts), on the same queue. */
export const REFRESH_JOB = 'refresh-thread'

export interface DigestJob {
  threadId: number
}

export interface RefreshJob {
  threadId: number
  round: number
}

/** One job per thread: adding it twice (a retried request) is a no-op. */
export const digestJobId = (threadId: number) => `thread-${threadId}`

export const refreshJobId = (threadId: number, round: number) => `refresh-${threadId}-${round}`

export const DIGEST_JOB_OPTIONS: JobsOptions = {
  // Transient failures (timeouts, 5xx, resets) retry at 2 s, 4 s, 8 s; permanent ones stop at once.
  attempts: 4,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
}

export interface DigestQueue {
  add(name: string, data: object, opts?: JobsOptions): Promise<unknown>
  remove(jobId: string): Promise<number>
}

/** Call only after the thread row is committed, so the worker always finds it. */
export async function enqueueDigest(queue: DigestQueue, threadId: number): Promise<void> {
  const job: DigestJob = { threadId }
  await queue.add(DIGEST_JOB, job, { jobId: digestJobId(threadId) })
}

/** A new attempt for a thread whose job already ran: the finished job is removed so its id can be used again. */
export async function requeueDigest(queue: DigestQueue, threadId: number): Promise<void> {
  await queue.remove(digestJobId(threadId))
  await enqueueDigest(queue, threadId)
}

export async function enqueueRefresh(queue: DigestQueue, job: RefreshJob): Promise<void> {
  // One try: a source that cannot be fetched now is simply tried at the next round.
  await queue.add(REFRESH_JOB, job, { jobId: refreshJobId(job.threadId, job.round), attempts: 1 })
}

export function readRefreshJob(data: unknown): RefreshJob {
  const { threadId } = readDigestJob(data)
  const round = (data as Partial<RefreshJob>).round
  if (typeof round !== 'number' || !Number.isInteger(round) || round < 0)
    throw new Error(`Malformed refresh job: ${JSON.stringify(data)}`)
  return { threadId, round }
}

export function readDigestJob(data: unknown): DigestJob {
  const threadId = (data as Partial<DigestJob> | null)?.threadId
  if (typeof threadId !== 'number' || !Number.isInteger(threadId) || threadId < 1) {
    throw new Error(`Malformed digest job: ${JSON.stringify(data)}`)
  }
  return { threadId }
}
