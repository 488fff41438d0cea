import type { JobsOptions } from 'bullmq'

/** The only place that names the queue and shapes its jobs. */
export const DIGEST_QUEUE = 'digest'
export const DIGEST_JOB = 'digest-thread'

export interface DigestJob {
  threadId: number
}

/** One job per thread: adding it twice (a retried request) is a no-op. */
export const digestJobId = (threadId: number) => `thread-${threadId}`

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

export function readDigestJob(data: unknown): DigestJob {
  const threadId = (data as Partial<DigestJob> | null)?.threadId
  if (typeof threadId !== 'number' || !Number.isInteger(threadId) || threadId < 1) {
    throw new Error(`Malformed digest job: ${JSON.stringify(data)}`)
  }
  return { threadId }
}
