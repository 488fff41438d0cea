import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client'

/**
 * Every metric Broadsheet exports, in prom-client's process-wide registry: web and worker in one
 * process (`npm start`) show up on one /metrics; apart, each process serves its own.
 */
collectDefaultMetrics({ prefix: 'broadsheet_' })

export const metricsRegistry = register

/** Request time by route pattern (never the raw URL: one series per route, not per thread). */
export const httpDuration = new Histogram({
  name: 'broadsheet_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by route pattern, method and status.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
})

export const pageCacheLookups = new Counter({
  name: 'broadsheet_page_cache_lookups_total',
  help: 'Rendered-page cache lookups in this web process: hit (served as kept) or miss (rendered).',
  labelNames: ['result'] as const,
})

export const frontDoorAnswers = new Counter({
  name: 'broadsheet_front_door_answers_total',
  help: 'Requests answered from a kept page before routing (the front door): a share of the page cache hits.',
})

export const queueJobs = new Gauge({
  name: 'broadsheet_queue_jobs',
  help: 'Digest queue jobs by state (waiting, active, delayed, failed), read at scrape time.',
  labelNames: ['state'] as const,
})

export const dbPoolConnections = new Gauge({
  name: 'broadsheet_db_pool_connections',
  help: "The web process's database pool: total, idle connections, and requests waiting for one.",
  labelNames: ['state'] as const,
})

export const digestDuration = new Histogram({
  name: 'broadsheet_digest_duration_seconds',
  help: 'Time a digest job took from claim to stored (or failed), by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 45, 90],
})

export const digestOutcomes = new Counter({
  name: 'broadsheet_digests_total',
  help: 'Digest attempts by outcome (ready, failed, retrying, skipped) and failure reason.',
  labelNames: ['outcome', 'reason'] as const,
})

export const fetchDuration = new Histogram({
  name: 'broadsheet_fetch_duration_seconds',
  help: 'Time to fetch a source page, redirects included, by result (ok or error).',
  labelNames: ['result'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30],
})

export const fetchBytes = new Histogram({
  name: 'broadsheet_fetch_bytes',
  help: 'Size of fetched source pages (UTF-8 bytes once decoded).',
  buckets: [16e3, 64e3, 128e3, 256e3, 512e3, 1e6, 2e6, 5e6],
})

export const extractDuration = new Histogram({
  name: 'broadsheet_extract_duration_seconds',
  help: 'Time to extract a digest from a page in a worker thread, by result (ok or error).',
  labelNames: ['result'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10, 20],
})

/** Seconds since `start` (a performance.now() reading). */
export const secondsSince = (start: number) => (performance.now() - start) / 1000
