import { EXCERPT_MAX_CHARS_RANGE, EXCERPT_PARAGRAPHS_RANGE } from './limits.js'
import { parseAllowList, type AllowList } from './fetch/address-guard.js'
import { readWebUrl } from './links/web-url.js'

/**
 * The only reader of process.env: every setting is typed, checked and
 * defaulted here, so a bad value stops the process at start with a message
 * naming the variable.
 */
export interface Config {
  port: number
  host: string
  /** Absent: an embedded Postgres runs with its data under `dataDir`. */
  databaseUrl: string | undefined
  /** Schema for Broadsheet's tables (tests give each file its own). */
  databaseSchema: string
  /** Absent: the queue runs on Postgres through BullMQ's PostgreSQL backend. */
  redisUrl: string | undefined
  /** Namespace of the queue: Redis key prefix, or the Postgres schema of BullMQ's tables. */
  queuePrefix: string
  dataDir: string
  embeddedPostgresPort: number
  publicUrl: string
  sessionSecret: string | undefined
  /** FETCH_ALLOW_HOSTS, parsed: what may be fetched (and posted) although private. */
  fetchAllowHosts: AllowList
  /** One fetch attempt, from connecting to the body's last byte. */
  fetchTimeoutMs: number
  /** Every attempt and wait for one post's page, counted from the post: then the thread fails. */
  fetchBudgetMs: number
  fetchMaxBytes: number
  fetchMaxRedirects: number
  /** Least time between two fetches from one site, across all workers. */
  fetchHostGapMs: number
  /** How long a fetched page is reused for another post of the same link (0: never). */
  fetchCacheSeconds: number
  excerptParagraphs: number
  /** The excerpt stops before this many characters (a forum may set its own). */
  excerptMaxChars: number
  /** A link posted again within this many days leads to the existing thread. */
  duplicateWindowDays: number
  workerConcurrency: number
  /**
   * How long a worker's hold on a job lasts unless renewed (it renews at half that): a worker
   * that dies loses its jobs to another worker after this long.
   */
  workerLockMs: number
  /** Time between a worker's checks for jobs held by workers that died (stalled jobs). */
  workerStalledCheckMs: number
  /**
   * How long a stopping worker lets its digests in hand finish; then it stops their fetch or
   * extraction and gives them back to the queue, for another worker to take at once.
   */
  workerStopGraceMs: number
  /** Time between two sweeps for due re-fetches and threads that lost their digest job. */
  sweepIntervalMs: number
  /** A thread still waiting this long after it was posted is re-queued when its job is gone. */
  sweepLostAfterSeconds: number
  /** Log-ins, and registrations, one address may try per minute. */
  authAttemptsPerMinute: number
  /** Members one address may register per hour. */
  registrationsPerHour: number
  /** Links one member may post per hour. */
  rateLinksPerHour: number
  /** Replies one member may post per hour. */
  rateRepliesPerHour: number
  /** Recs (and taking them back) one member may give per hour. */
  rateRecsPerHour: number
  /** Alerts one member may send per hour. */
  rateAlertsPerHour: number
  /** An address may do what this many members may (several share one: a household, an office). */
  rateAddressMembers: number
  /** A member is new for this many days after registering (0: nobody is). */
  newMemberDays: number
  newMemberLinksPerHour: number
  newMemberRepliesPerHour: number
  /** Searches no cache holds that one member may run per minute. */
  rateSearchesPerMinute: number
  /** Searches no cache holds that readers not logged in may run per minute from one address, together. */
  rateVisitorSearchesPerMinute: number
  /** Searches no cache holds that one web process runs at once; the next wait briefly for their turn. */
  searchConcurrency: number
  /** Behind a reverse proxy: take the client's address and scheme from X-Forwarded-* headers. */
  trustProxy: boolean
  /** Zone in which times are shown (IANA name). */
  timeZone: string
  /** Memory each web process gives its rendered pages. */
  pageCacheBytes: number
  logLevel: string
  /** Bearer token that opens GET /metrics on the web port; unset, /metrics answers 404 there. */
  metricsToken: string | undefined
  /** A port of its own where the web process serves /metrics (for a private network). */
  metricsPort: number | undefined
  /** The worker's own listener for /metrics and /healthz (the worker has no web server). */
  workerMetricsPort: number | undefined
  /** Members drawn for a jury; a majority of its seats decides. */
  jurySize: number
  /** Only members whose account is at least this old serve on juries. */
  juryMinAgeDays: number
  /** Only members who posted or replied within this many days serve on juries. */
  juryRecentPostDays: number
  /** Time a jury has to vote; then a tie or too few votes leave the post. */
  juryVoteHours: number
  /** A poster with this many posts hidden within `hideWindowDays` is suspended (0: never). */
  hidesBeforeSuspension: number
  hideWindowDays: number
  suspensionDays: number
}

/** The settings once the database is known (the embedded one's address when DATABASE_URL is unset). */
export type AppConfig = Config & { databaseUrl: string }

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`)
  }
  return value
}

function readOptionalPort(env: Env, name: string): number | undefined {
  const port = readInt(env, name, 0, 1, 65535)
  return port === 0 ? undefined : port
}

function readString(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim()
  return raw === undefined || raw === '' ? undefined : raw
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = readString(env, name)
  if (raw === undefined) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(`${name} is not a URL: "${raw}".`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}; got "${raw}".`)
  }
  return raw
}

/** The forum's address as members reach it: a web address like any link posted here. */
function readPublicUrl(env: Env): string | undefined {
  const raw = readString(env, 'PUBLIC_URL')
  if (raw === undefined) return undefined
  if (readWebUrl(raw).url === undefined) {
    throw new ConfigError(`PUBLIC_URL must be a web address starting with http:// or https://; got "${raw}".`)
  }
  return raw
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = readString(env, name)?.toLowerCase()
  if (raw === undefined) return fallback
  if (raw === 'true' || raw === '1') return true
  if (raw === 'false' || raw === '0') return false
  throw new ConfigError(`${name} must be true or false; got "${raw}".`)
}

function readIdentifier(env: Env, name: string, fallback: string): string {
  const value = readString(env, name) ?? fallback
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new ConfigError(`${name} must be lower-case letters, digits and underscores; got "${value}".`)
  }
  return value
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

export function loadConfig(env: Env = process.env): Config {
  const port = readInt(env, 'PORT', 3000, 0, 65535)
  const sessionSecret = readString(env, 'SESSION_SECRET')
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be at least 32 characters long.')
  }
  let fetchAllowHosts: AllowList
  try {
    fetchAllowHosts = parseAllowList(readString(env, 'FETCH_ALLOW_HOSTS') ?? '')
  } catch (err) {
    throw new ConfigError(`FETCH_ALLOW_HOSTS: ${(err as Error).message}`)
  }
  const timeZone = readString(env, 'TIME_ZONE') ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
  } catch {
    throw new ConfigError(`TIME_ZONE must be an IANA time zone such as America/New_York; got "${timeZone}".`)
  }
  const logLevel = readString(env, 'LOG_LEVEL') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}".`)
  }
  const metricsToken = readString(env, 'METRICS_TOKEN')
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters long.')
  }
  return {
    port,
    host: readString(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema: readIdentifier(env, 'DATABASE_SCHEMA', 'public'),
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    queuePrefix: readIdentifier(env, 'QUEUE_PREFIX', 'broadsheet'),
    dataDir: readString(env, 'DATA_DIR') ?? 'data',
    embeddedPostgresPort: readInt(env, 'EMBEDDED_POSTGRES_PORT', 54329, 1, 65535),
    publicUrl: (readPublicUrl(env) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    sessionSecret,
    fetchAllowHosts,
    fetchTimeoutMs: readInt(env, 'FETCH_TIMEOUT_MS', 15000, 100, 120000),
    fetchBudgetMs: readInt(env, 'FETCH_BUDGET_MS', 45000, 1000, 3600000),
    fetchMaxBytes: readInt(env, 'FETCH_MAX_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    fetchMaxRedirects: readInt(env, 'FETCH_MAX_REDIRECTS', 5, 0, 20),
    fetchHostGapMs: readInt(env, 'FETCH_HOST_GAP_MS', 1000, 0, 600000),
    fetchCacheSeconds: readInt(env, 'FETCH_CACHE_SECONDS', 300, 0, 86400),
    excerptParagraphs: readInt(env, 'EXCERPT_PARAGRAPHS', 4, ...EXCERPT_PARAGRAPHS_RANGE),
    excerptMaxChars: readInt(env, 'EXCERPT_MAX_CHARS', 1500, ...EXCERPT_MAX_CHARS_RANGE),
    duplicateWindowDays: readInt(env, 'DUPLICATE_WINDOW_DAYS', 30, 0, 3650),
    workerConcurrency: readInt(env, 'WORKER_CONCURRENCY', 4, 1, 100),
    workerLockMs: readInt(env, 'WORKER_LOCK_MS', 30000, 1000, 600000),
    workerStalledCheckMs: readInt(env, 'WORKER_STALLED_CHECK_MS', 30000, 500, 600000),
    // With the web's 10 s at most to answer its requests first (npm start), within the 20 s a stopping process allows itself.
    workerStopGraceMs: readInt(env, 'WORKER_STOP_GRACE_MS', 5000, 0, 9000),
    sweepIntervalMs: readInt(env, 'SWEEP_INTERVAL_MS', 60000, 500, 3600000),
    sweepLostAfterSeconds: readInt(env, 'SWEEP_LOST_AFTER_SECONDS', 120, 0, 86400),
    authAttemptsPerMinute: readInt(env, 'AUTH_ATTEMPTS_PER_MINUTE', 10, 1, 100000),
    registrationsPerHour: readInt(env, 'REGISTRATIONS_PER_HOUR', 20, 1, 1000000),
    rateLinksPerHour: readInt(env, 'RATE_LINKS_PER_HOUR', 30, 1, 1000000),
    rateRepliesPerHour: readInt(env, 'RATE_REPLIES_PER_HOUR', 150, 1, 1000000),
    rateRecsPerHour: readInt(env, 'RATE_RECS_PER_HOUR', 300, 1, 1000000),
    rateAlertsPerHour: readInt(env, 'RATE_ALERTS_PER_HOUR', 20, 1, 1000000),
    rateAddressMembers: readInt(env, 'RATE_ADDRESS_MEMBERS', 5, 1, 100000),
    newMemberDays: readInt(env, 'NEW_MEMBER_DAYS', 3, 0, 365),
    newMemberLinksPerHour: readInt(env, 'NEW_MEMBER_LINKS_PER_HOUR', 5, 1, 1000000),
    newMemberRepliesPerHour: readInt(env, 'NEW_MEMBER_REPLIES_PER_HOUR', 30, 1, 1000000),
    rateSearchesPerMinute: readInt(env, 'RATE_SEARCHES_PER_MINUTE', 30, 1, 1000000),
    rateVisitorSearchesPerMinute: readInt(env, 'RATE_VISITOR_SEARCHES_PER_MINUTE', 15, 1, 1000000),
    // A search holds two of a web process's ten database connections most of its time: three
    // at once leave the other four to every other page and post.
    searchConcurrency: readInt(env, 'SEARCH_CONCURRENCY', 3, 1, 100),
    trustProxy: readBoolean(env, 'TRUST_PROXY', false),
    timeZone,
    pageCacheBytes: readInt(env, 'PAGE_CACHE_MB', 64, 0, 65536) * 1024 * 1024,
    logLevel,
    metricsToken,
    metricsPort: readOptionalPort(env, 'METRICS_PORT'),
    workerMetricsPort: readOptionalPort(env, 'WORKER_METRICS_PORT'),
    jurySize: readInt(env, 'JURY_SIZE', 7, 1, 101),
    juryMinAgeDays: readInt(env, 'JURY_MIN_AGE_DAYS', 14, 0, 3650),
    juryRecentPostDays: readInt(env, 'JURY_RECENT_POST_DAYS', 30, 1, 3650),
    juryVoteHours: readInt(env, 'JURY_VOTE_HOURS', 24, 1, 24 * 30),
    hidesBeforeSuspension: readInt(env, 'HIDES_BEFORE_SUSPENSION', 3, 0, 1000),
    hideWindowDays: readInt(env, 'HIDE_WINDOW_DAYS', 90, 1, 3650),
    suspensionDays: readInt(env, 'SUSPENSION_DAYS', 7, 1, 3650),
  }
}
