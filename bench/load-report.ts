import { availableParallelism, loadavg } from 'node:os'
import type { CpuUse } from './load-cpu.js'
import type { DepthSample, Ledger } from './load-ledger.js'
import type { LoadOptions } from './load.js'
import type { Writing } from './load-members.js'
import type { KindStats } from './load-traffic.js'
import { summarize } from './stats.js'

export interface Report {
  o: LoadOptions
  threadsInDatabase: number
  loadSeconds: number
  drainSeconds: number
  rows: KindStats[]
  errorSamples: string[]
  writing: Writing
  ledger: Ledger
  samples: DepthSample[]
  deepest: number
  /** Article pages each news site served. */
  fetched: number[]
  cpu: CpuUse[]
  /** Child processes that ended before the bench stopped them. */
  exits: string[]
  memory: { name: string; peakMiB: number; rssMiB: number }[]
}

const KIND_ORDER = [
  'Latest Discussions /',
  'forum first page',
  'forum next page (rel="next")',
  'thread page',
  'thread JSON',
  'post a link',
  'reply',
]

const fixed = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–')

export function printReport(r: Report): void {
  const { o, ledger, writing } = r
  console.log(
    `\n${r.threadsInDatabase.toLocaleString('en-US')} threads in the database; ${fixed(r.loadSeconds, 1)} s of load after ${o.warmup} s of warm-up; ` +
      `${o.readers} anonymous readers and ${o['member-readers']} member readers without pause; ${o.members} members posting ` +
      `${o.posts} links/s and ${o.replies} replies/s (Poisson); ${o.sites} news sites; 1 web and ${o.workers} worker processes; ${availableParallelism()} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  )
  console.log('| kind | who | requests | req/s | of which 304 | p50 | p99 | max | errors (non-429) | 429 |')
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  const rows = [...r.rows].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.who.localeCompare(b.who),
  )
  for (const row of rows) {
    const s = summarize(row.latencies)
    console.log(
      `| ${row.kind} | ${row.who} | ${s.n} | ${fixed(s.n / r.loadSeconds, 1)} | ${row.notModified} | ${fixed(s.median)} ms | ${fixed(s.p99)} ms | ${fixed(s.max)} ms | ${row.errors} | ${row.tooMany} |`,
    )
  }
  const reads = rows.filter((row) => !['post a link', 'reply', 'recommend'].includes(row.kind))
  const readCount = reads.reduce((n, row) => n + row.latencies.length, 0)
  const errors = rows.reduce((n, row) => n + row.errors, 0)
  console.log(
    `\nAll page reads: ${fixed(readCount / r.loadSeconds)} req/s. Deepest forum page reached by rel="next": ${r.deepest}.`,
  )
  console.log(`Errors other than 429: ${errors}${errors === 0 ? '' : ' (should be 0); the first ones:'}`)
  for (const sample of r.errorSamples) console.log(`  ${sample}`)

  const lost = writing.accepted - ledger.stored
  console.log(
    `\nAfter the load, the web process stopped and ${fixed(r.drainSeconds, 1)} s of waiting for the queue to drain (at most ${o.drain} s):\n`,
  )
  console.log(
    '| posts sent | accepted (202) | duplicates (200) | threads stored (of those accepted) | threads by the members | digests ready | digests failed | not settled | lost |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|')
  console.log(
    `| ${writing.postsSent} | ${writing.accepted} | ${writing.duplicates} | ${ledger.stored} | ${ledger.byMembers} | ${ledger.ready} | ${ledger.failed} | ${ledger.unsettled} | ${lost} |`,
  )
  console.log(
    '\nLost: accepted but not stored. A post the bench gave up on (an error in the first table) may be stored all the same, which is why the members can have more threads than were accepted.',
  )
  if (ledger.failures.length > 0)
    console.log(`\nFailed digests by reason: ${ledger.failures.map((f) => `${f.reason} ${f.count}`).join(', ')}`)
  const settle = summarize(ledger.settleSeconds)
  console.log(
    `\nPost to settled digest: median ${fixed(settle.median, 1)} s, p99 ${fixed(settle.p99, 1)} s, max ${fixed(settle.max, 1)} s (${settle.n} digests).`,
  )
  console.log(
    `Replies: ${writing.repliesSent} sent, ${writing.repliesAccepted} accepted (201), ${ledger.repliesStored} stored (replies the bench gave up on may be stored all the same).`,
  )
  console.log(
    `Recs: ${writing.recsSent} sent, ${writing.recsCounted} counted, ${writing.recommended.size} threads recommended by a member (answered 200), ${ledger.recsStored} kept in Postgres; ${ledger.recCountDrift} threads whose count disagrees with the recs kept.`,
  )
  console.log(`Article pages served per site (busiest first): ${r.fetched.join(', ')}.`)

  console.log(
    "\nDigest queue over time (Redis job counts; unsettled: the members' threads still pending or fetching in Postgres):\n",
  )
  console.log('| t | phase | waiting | active | delayed | unsettled |')
  console.log('|---|---|---|---|---|---|')
  for (const s of r.samples)
    console.log(`| ${fixed(s.at)} s | ${s.phase} | ${s.waiting} | ${s.active} | ${s.delayed} | ${s.unsettled} |`)

  console.log(
    `\nCPU during the load, in cores busy on average: ${r.cpu.map((c) => `${c.name} ${fixed(c.cores, 2)}`).join(', ')} (the machine's figure includes Redis and anything else running).`,
  )
  if (r.exits.length > 0) console.log(`Processes that ended during the run: ${r.exits.join('; ')}.`)
  console.log(`Peak RSS (VmHWM): ${r.memory.map((m) => `${m.name} ${m.peakMiB} MiB`).join(', ')}`)
}
