import { rm } from 'node:fs/promises'
import t, { type Test } from 'tap'
import {
  cloneProject,
  firstAnswer,
  freePort,
  logLines,
  npmStart,
  processesOf,
  waitGone,
  type Started,
} from '../helpers/zero-config.js'

const isRoot = process.getuid?.() === 0
/** Generous: the machine running the suite is busy; the times a person sees are in the README. */
const START_LIMIT_MS = 90_000
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
async function stopsCleanly(
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
  )
}

t.test(
  'npm start as root from a private directory, stopped by SIGTERM to npm, then to node',
  { skip: !isRoot && 'needs root' },
  async (t) => {
    const clone = await cloneProject()
    t.teardown(clone.remove)
    const ports = { http: await freePort(), postgres: await freePort() }

    const first = npmStart(clone.dir, ports)
    t.equal(await firstAnswer(ports.http, first, START_LIMIT_MS), 200, 'the home page answers')
    const moved = /keeps its data in (\S+)\/postgres\./.exec(first.output())
    t.ok(moved, 'says where the data went, since the OS user "postgres" cannot reach the clone')
    if (moved) t.teardown(() => rm(moved[1]!, { recursive: true, force: true }))
    t.match(first.output(), /Broadsheet is ready: open http:\/\/localhost:/)
    await stopsCleanly(t, first, clone.dir, ports.postgres, () => first.npm.kill('SIGTERM'))

    // A restart finds its data again, and SIGTERM to node itself (what a process manager may do) ends npm too.
    const second = npmStart(clone.dir, ports)
    t.equal(await firstAnswer(ports.http, second, START_LIMIT_MS), 200, 'the restart answers')
    t.notMatch(second.output(), /Creating the embedded Postgres data directory/, 'the restart reuses the cluster')
    await stopsCleanly(t, second, clone.dir, ports.postgres, (pids) => {
      const node = [...pids].find(([, command]) => command.includes('src/start.ts'))
      process.kill(node![0], 'SIGTERM')
    })
  },
)
