import { UnrecoverableError, type JobsOptions } from 'bullmq'

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

/** A job as the worker reads it: which kind, with its checked payload. */
export type ReadJob = { name: typeof DIGEST_JOB; data: DigestJob } | { name: typeof REFRESH_JOB; data: RefreshJob }

const isCount = (value: unknown, min: number): value is number =>
  Number.isSafeInteger(value) && (value as number) >= min

/**
 * Checks a job taken from the queue. A job this code cannot read (a bad
 * payload, an unknown name: another version's or a hand-made job) would fail
 * the same way on every attempt, so it fails at once and is not retried.
 */
export function readJob(name: string, data: unknown): ReadJob {
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  const malformed = (why: string) =>
    new UnrecoverableError(`Malformed "${name}" job, failed without retrying: ${why}; its data: ${preview(data)}`)
  if (name !== DIGEST_JOB && name !== REFRESH_JOB)
    throw new UnrecoverableError(`Unknown job "${name}", failed without retrying; its data: ${preview(data)}`)
  const { threadId, round } = fields
  if (!isCount(threadId, 1)) throw malformed('threadId must be a whole number from 1')
  if (name === DIGEST_JOB) return { name, data: { threadId } }
  if (!isCount(round, 0)) throw malformed('round must be a whole number from 0')
  return { name, data: { threadId, round } }
}

/** Enough of a payload to recognise it in a log line, never a whole blob. */
function preview(data: unknown): string {
  const text = JSON.stringify(data) ?? String(data)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

/**
 * Juries' deadlines, on a queue of their own so a backlog of digests never delays a verdict. The
 * job is only a timer: the jury's row says whether it is still open, and a sweep closes juries
 * whose job was lost.
 */
export const JURY_QUEUE = 'juries'
export const JURY_DEADLINE_JOB = 'jury-deadline'

export interface JuryDeadlineJob {
  juryId: number
}

export const juryJobId = (juryId: number) => `jury-${juryId}`

export const JURY_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
}

/** Call only after the jury row is committed. */
export async function enqueueJuryDeadline(queue: DigestQueue, juryId: number, closesAt: Date): Promise<void> {
  const job: JuryDeadlineJob = { juryId }
  await queue.add(JURY_DEADLINE_JOB, job, {
    jobId: juryJobId(juryId),
    delay: Math.max(0, closesAt.getTime() - Date.now()),
  })
}

/** Checks a jury job taken from the queue; like readJob, a job this code cannot read fails at once. */
export function readJuryJob(name: string, data: unknown): JuryDeadlineJob {
  const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  if (name !== JURY_DEADLINE_JOB)
    throw new UnrecoverableError(`Unknown job "${name}", failed without retrying; its data: ${preview(data)}`)
  if (!isCount(fields.juryId, 1))
    throw new UnrecoverableError(
      `Malformed "${name}" job, failed without retrying: juryId must be a whole number from 1; its data: ${preview(data)}`,
    )
  return { juryId: fields.juryId }
}
