import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Test } from 'tap'
import { ROOT } from '../../src/paths.js'

const run = promisify(execFile)

/**
 * A fresh clone as a newcomer has it after `npm ci`: the project's files, node_modules hard-linked
 * (quick, and as npm left it), inside a new private (mode 700) directory, like root's home.
 */
export async function cloneProject(): Promise<{ parent: string; dir: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'broadsheet-clone-'))
  const dir = join(parent, 'broadsheet')
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
  const files = stdout.split('\0').filter((f) => f && !f.startsWith('test/') && !f.startsWith('bench/'))
  for (const file of files) {
    await cp(join(ROOT, file), join(dir, file), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err
    })
  }
  await run('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')])
  return { parent, dir, remove: () => rm(parent, { recursive: true, force: true }) }
}

export interface Started {
  npm: ChildProcess
  output: () => string
  /** Resolves with npm's exit code (or signal). */
  exited: Promise<number | string>
}

/** `npm start` with no DATABASE_URL or REDIS_URL, in its own process group as from a terminal. */
export function npmStart(
  dir: string,
  ports: { http: number; postgres: number },
  user?: { uid: number; gid: number; home: string },
): Started {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: user?.home ?? process.env.HOME ?? dir,
    PORT: String(ports.http),
    HOST: '127.0.0.1',
    EMBEDDED_POSTGRES_PORT: String(ports.postgres),
    // The article pages the tests post are served on loopback.
    FETCH_ALLOW_HOSTS: '127.0.0.1',
    npm_config_update_notifier: 'false',
  }
  if (user) env.npm_config_cache = join(user.home, '.npm')
  // The test runner adds its own hooks to every child through NODE_OPTIONS; `env` drops them
  // and then becomes npm (same pid), so the run is what a person gets from a terminal.
  const npm = spawn('env', ['-u', 'NODE_OPTIONS', 'npm', 'start'], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  })
  let output = ''
  npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | string>((resolve) =>
    npm.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return { npm, output: () => output, exited }
}

/** After a failed check: whatever of this start still runs is killed, so the suite goes on. */
export function killGroup(started: Started): void {
  try {
    process.kill(-started.npm.pid!, 'SIGKILL')
  } catch {
    // Already stopped, as it should be.
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits for the first HTTP answer of the home page; returns its status. */
export async function firstAnswer(port: number, started: Started, limitMs: number): Promise<number> {
  const until = Date.now() + limitMs
  while (Date.now() < until) {
    if (started.npm.exitCode !== null) throw new Error(`npm start ended early:\n${started.output()}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })
      await res.arrayBuffer()
      return res.status
    } catch {
      await sleep(100)
    }
  }
  throw new Error(`no answer within ${limitMs} ms:\n${started.output()}`)
}

/**
 * What a newcomer does next: registers, posts a link over HTTP, and waits for its digest. Done by
 * the very processes `npm start` runs (the bundle, its extraction thread, the embedded queue).
 */
export async function postAndDigest(port: number, articleUrl: string, limitMs = 60_000) {
  const api = async (path: string, init: { method?: string; token?: string; body?: object } = {}) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    })
    return { status: res.status, body: (await res.json()) as Record<string, any> }
  }
  const registered = await api('/api/register', {
    method: 'POST',
    body: { username: `newcomer_${Date.now() % 1e6}`, password: 'a newcomer password' },
  })
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`)
  const token = registered.body.token as string
  const posted = await api('/api/threads', { method: 'POST', token, body: { url: articleUrl, forum: 'editorials' } })
  if (posted.status !== 202) throw new Error(`post: ${posted.status} ${JSON.stringify(posted.body)}`)
  const id = posted.body.thread.id as number
  const until = Date.now() + limitMs
  for (;;) {
    const { body } = await api(`/api/threads/${id}`)
    if (body.thread.status === 'ready' || body.thread.status === 'failed') return body.thread as Record<string, any>
    if (Date.now() > until) throw new Error(`thread ${id} still ${body.thread.status} after ${limitMs} ms`)
    await sleep(100)
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  return Number.isInteger(ppid) ? ppid : undefined
}

/**
 * Every process that belongs to this start: those working in the clone, the embedded Postgres
 * on its port, and all their descendants (npm, sh, node, Postgres's own processes).
 */
export async function processesOf(dir: string, postgresPort: number): Promise<Map<number, string>> {
  const found = new Map<number, string>()
  const parents = new Map<number, number | undefined>()
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ').trim()
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '')
    parents.set(pid, await parentOf(pid))
    if (cwd.startsWith(dir) || cmdline.includes(`-p ${postgresPort} `)) found.set(pid, cmdline)
  }
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, ppid] of parents) {
      if (ppid !== undefined && found.has(ppid) && !found.has(pid)) {
        const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ')
        found.set(pid, cmdline)
        grew = true
      }
    }
  }
  return found
}

/** Waits until none of `pids` is alive; returns those still running after `limitMs`. */
export async function waitGone(pids: number[], limitMs: number): Promise<number[]> {
  const alive = () =>
    pids.filter((pid) => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    })
  const until = Date.now() + limitMs
  while (alive().length > 0 && Date.now() < until) await sleep(100)
  return alive()
}

/** The JSON log lines of a run (stdout is not a terminal, so the logs are JSON). */
export function logLines(output: string): { level: number; msg: string }[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
}

/** Generous: the machine running the suite is busy; the times a person sees are in the README. */
export const START_LIMIT_MS = 90_000
const STOP_LIMIT_MS = 20_000

/** The shutdown lines, in the order the shutdown must follow. */
const SHUTDOWN_ORDER = [
  /: shutting down$/,
  /^The web server stops accepting requests\.$/,
  /^Stopped the digest worker\.$/,
  /^Closed the web server and its database pool\.$/,
  /^Stopped the embedded Postgres\.$/,
  /^Broadsheet has stopped\.$/,
]

/** Checks a run from its first answer to nothing left running, after `stop` sent a signal. */
export async function stopsCleanly(
  t: Test,
  started: Started,
  dir: string,
  postgresPort: number,
  stop: (pids: Map<number, string>) => void,
) {
  const running = await processesOf(dir, postgresPort)
  const commands = [...running.values()]
  t.ok(
    commands.some((c) => c.includes('src/start.ts')),
    'node runs Broadsheet',
  )
  t.ok(
    commands.some((c) => c.includes(`-p ${postgresPort} `)),
    'the embedded Postgres runs',
  )

  stop(running)
  const result = await Promise.race([
    started.exited,
    new Promise((resolve) => setTimeout(() => resolve('still running'), STOP_LIMIT_MS)),
  ])
  t.equal(result, 0, 'npm start ends with status 0')
  const left = await waitGone([...running.keys()], 5000)
  t.same(
    left.map((pid) => running.get(pid)),
    [],
    'no process is left running',
  )

  const lines = logLines(started.output())
  t.same(
    lines.filter((l) => l.level >= 50).map((l) => l.msg),
    [],
    'no error-level log line',
  )
  t.notMatch(started.output(), /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace')
  const order = SHUTDOWN_ORDER.map((pattern) => lines.findIndex((l) => pattern.test(l.msg)))
  t.ok(
    order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)),
    `shuts down in order (log positions ${order.join(', ')})`,
    { lines: lines.map((l) => l.msg) },
  )
}
