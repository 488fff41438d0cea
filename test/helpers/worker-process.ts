import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { AppConfig } from '../../src/config.js'
import { ROOT } from '../../src/paths.js'
import type { Teardown } from './build-app.js'

export interface LogLine {
  level: number
  msg: string
  [field: string]: unknown
}

/** The settings a test app runs with, as the environment of a process of its own. */
function environmentOf(config: AppConfig): Record<string, string> {
  return {
    DATABASE_URL: config.databaseUrl,
    DATABASE_SCHEMA: config.databaseSchema,
    QUEUE_PREFIX: config.queuePrefix,
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
    // Test apps allow the fixture server's loopback address and nothing else.
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    FETCH_TIMEOUT_MS: String(config.fetchTimeoutMs),
    FETCH_BUDGET_MS: String(config.fetchBudgetMs),
    FETCH_HOST_GAP_MS: String(config.fetchHostGapMs),
    FETCH_CACHE_SECONDS: String(config.fetchCacheSeconds),
    WORKER_CONCURRENCY: String(config.workerConcurrency),
    WORKER_LOCK_MS: String(config.workerLockMs),
    WORKER_STALLED_CHECK_MS: String(config.workerStalledCheckMs),
    WORKER_STOP_GRACE_MS: String(config.workerStopGraceMs),
    SWEEP_INTERVAL_MS: String(config.sweepIntervalMs),
    SWEEP_LOST_AFTER_SECONDS: String(config.sweepLostAfterSeconds),
    LOG_LEVEL: 'info',
    ...(config.workerMetricsPort ? { WORKER_METRICS_PORT: String(config.workerMetricsPort) } : {}),
    ...(config.metricsToken ? { METRICS_TOKEN: config.metricsToken } : {}),
  }
}

/**
 * A Broadsheet entry point as production runs it (`scripts/launch.mjs`: the launcher, the bundle,
 * its extraction threads) in a process of its own, on the test app's database and queue, with
 * `env` on top of the app's settings. Its log is kept; stopped in teardown if the test has not.
 */
export function spawnBroadsheet(t: Teardown, config: AppConfig, entry: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join('scripts', 'launch.mjs'), entry], {
    cwd: ROOT,
    // Only the app's settings: not the test runner's (REDIS_URL, its loaders in NODE_OPTIONS).
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? ROOT,
      ...environmentOf(config),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: LogLine[] = []
  let text = ''
  let partial = ''
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString()
    partial += chunk.toString()
    let end
    while ((end = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, end)
      partial = partial.slice(end + 1)
      try {
        lines.push(JSON.parse(line) as LogLine)
      } catch {
        // Not a log line (a stack printed by Node itself): kept in the text only.
      }
    }
  })
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  // A test process that ends without its teardown (a timeout) takes its children with it: left
  // running, they would work on a dropped schema for ever.
  const orphaned = () => child.kill('SIGKILL')
  process.once('exit', orphaned)
  void exited.then(() => process.off('exit', orphaned))
  t.teardown(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  })
  return {
    pid: child.pid!,
    /** Its log so far, one parsed JSON line each. */
    lines: () => lines,
    output: () => text,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    signal: (name: NodeJS.Signals) => child.kill(name),
    /** A crash, an OOM kill, a pulled plug: no chance to give its jobs back. */
    async kill() {
      child.kill('SIGKILL')
      return exited
    },
  }
}

/**
 * A Broadsheet entry point run as a person runs it (no test runner's hooks), with only `env`,
 * until it ends by itself: its exit code and what it printed.
 */
export function runToEnd(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join('scripts', 'launch.mjs'), entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}

/** The digest worker (`npm run start:worker`) in a process of its own; resolves once it says it is running. */
export async function startWorkerProcess(t: Teardown, config: AppConfig) {
  const worker = spawnBroadsheet(t, config, join('workers', 'digest.ts'))
  const deadline = Date.now() + 60_000
  while (!worker.lines().some((l) => /Digest worker running/.test(l.msg))) {
    if (!worker.running() || Date.now() > deadline) {
      await worker.kill()
      throw new Error(`the worker process did not start:\n${worker.output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return worker
}
