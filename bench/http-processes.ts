import { spawn, type ChildProcess } from 'node:child_process'
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

export interface Child {
  process: ChildProcess
  origin: string
  stop(): Promise<void>
}

/** Starts a server process and waits until `probe` answers 200; its output goes to this one's stderr. */
export async function startChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  probe: string,
): Promise<Child> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
  child.stdout!.pipe(process.stderr)
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
  return {
    process: child,
    origin,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Peak and current resident memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { peakMiB: Math.round(kib('VmHWM') / 1024), rssMiB: Math.round(kib('VmRSS') / 1024) }
}
