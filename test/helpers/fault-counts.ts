import pg from 'pg'
import type { Test } from 'tap'

/**
 * Every digest status change of the app's threads as Postgres announces it (the NOTIFY the web
 * processes listen to), in order per thread: a digest stored twice would say "ready" twice.
 */
export async function recordStatusChanges(t: Test, databaseUrl: string, schema: string) {
  const changes = new Map<number, string[]>()
  const client = new pg.Client({ connectionString: databaseUrl })
  // The test's own Postgres may be the one restarted; then the recording stops, and says so.
  client.on('error', () => undefined)
  client.on('notification', (msg) => {
    const change = JSON.parse(msg.payload ?? '{}') as { schema: string; id: number; status: string }
    if (change.schema !== schema) return
    changes.set(change.id, [...(changes.get(change.id) ?? []), change.status])
  })
  await client.connect()
  await client.query('LISTEN thread_status')
  t.teardown(() => client.end().catch(() => undefined))
  const of = (id: number) => changes.get(id) ?? []
  return {
    of,
    /**
     * Waits until each thread's last change (ready or failed) has been heard: a notification
     * reaches this listener a moment after its row can be read.
     */
    heardSettled: (ids: number[]) =>
      until('every settled thread is announced', () =>
        ids.every((id) => ['ready', 'failed'].includes(of(id).at(-1) ?? '')),
      ),
  }
}

export interface Tally {
  /** Posts the forum accepted (202): each must become a thread and settle. */
  postsMade: number
  threadsStored: number
  ready: number
  failed: number
  /** Why the failed ones failed, in their stored words. */
  failures: string[]
  /** Accepted posts with no thread, or whose thread never settled. */
  lost: number
}

/** Where the accepted posts ended up, from the database itself. */
export async function tallyPosts(pool: pg.Pool, accepted: number[]): Promise<Tally> {
  const { rows } = await pool.query<{ id: number; status: string; error: string | null }>(
    `SELECT id, status, error_reason || ': ' || error_message AS error FROM threads WHERE id = ANY($1)`,
    [accepted],
  )
  const ready = rows.filter((r) => r.status === 'ready').length
  const failures = rows.flatMap((r) => (r.status === 'failed' ? [`thread ${r.id} ${r.error}`] : []))
  return {
    postsMade: accepted.length,
    threadsStored: rows.length,
    ready,
    failed: failures.length,
    failures,
    lost: accepted.length - ready - failures.length,
  }
}

/** The counts in the test's output, and the one that matters checked. */
export function reportTally(t: Test, what: string, tally: Tally): void {
  t.comment(
    `${what}: posts made ${tally.postsMade}, threads stored ${tally.threadsStored}, ` +
      `digests finished ${tally.ready} ready + ${tally.failed} failed, lost ${tally.lost}`,
  )
  for (const failure of tally.failures) t.comment(`failed: ${failure}`)
  t.equal(tally.threadsStored, tally.postsMade, `${what}: every accepted post is a stored thread`)
  t.equal(tally.lost, 0, `${what}: lost = 0`)
}

/** Polls `check` until it holds; a guard against hanging, not a timing assertion. */
export async function until(what: string, check: () => Promise<boolean> | boolean, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
