import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/** A port nobody listens on right now, for a child process to take. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface Spawned {
  process: ChildProcess
  stop(): Promise<void>
}

export interface Child extends Spawned {
  origin: string
}

/** Starts a process whose output goes to this one's stderr; `stop()` sends SIGTERM and waits for it to exit. */
export function spawnChild(command: string, args: string[], env: NodeJS.ProcessEnv): Spawned {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
  child.stdout!.pipe(process.stderr)
  return {
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Starts a server process and waits until `probe` answers 200; its output goes to this one's stderr. */
export async function startChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  probe: string,
): Promise<Child> {
  const spawned = spawnChild(command, args, env)
  const child = spawned.process
  const origin = `http://127.0.0.1:${port}`
  let exited: number | null | undefined
  child.once('exit', (code) => (exited = code))
  const deadline = Date.now() + 120_000
  for (;;) {
    if (exited !== undefined)
      throw new Error(`${command} ${args.join(' ')} exited with code ${exited} before answering`)
    const status = await fetch(origin + probe).then(
      (res) => res.arrayBuffer().then(() => res.status),
      () => 0,
    )
    if (status === 200) break
    if (Date.now() > deadline) {
      child.kill('SIGTERM')
      throw new Error(`${origin}${probe} did not answer 200 within 120 s (last: ${status})`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return { ...spawned, origin }
}

/** Compiles the app into dist/: the benches measure what a production start runs. */
export function buildDist(): void {
  console.error('Building...')
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' })
}

/**
 * The built web process on a free port of 127.0.0.1, quiet (LOG_LEVEL=warn) unless LOG_LEVEL is set. Every
 * bench run signs up its own members, and searches, from this one address, so the sign-up, log-in and
 * search limits (not what a bench measures) are raised unless set.
 */
export async function startWeb(env: NodeJS.ProcessEnv = process.env): Promise<Child> {
  const port = await freePort()
  return startChild(
    process.execPath,
    ['dist/src/server.js'],
    {
      REGISTRATIONS_PER_HOUR: '1000000',
      AUTH_ATTEMPTS_PER_MINUTE: '100000',
      RATE_SEARCHES_PER_MINUTE: '1000000',
      RATE_VISITOR_SEARCHES_PER_MINUTE: '1000000',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
    },
    port,
    '/forums',
  )
}

/** Peak and current resident memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { peakMiB: Math.round(kib('VmHWM') / 1024), rssMiB: Math.round(kib('VmRSS') / 1024) }
}
