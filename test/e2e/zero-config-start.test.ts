import { rm } from 'node:fs/promises'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import {
  cloneProject,
  firstAnswer,
  killGroup,
  npmStart,
  postAndDigest,
  START_LIMIT_MS,
  stopsCleanly,
} from '../helpers/zero-config.js'

const isRoot = process.getuid?.() === 0

t.test(
  'npm start as root from a private directory, stopped by SIGTERM to npm, then to node',
  { skip: !isRoot && 'needs root' },
  async (t) => {
    const clone = await cloneProject()
    t.teardown(clone.remove)
    const ports = { http: await freePort(), postgres: await freePort() }

    const first = npmStart(clone.dir, ports)
    t.teardown(() => killGroup(first))
    t.equal(await firstAnswer(ports.http, first, START_LIMIT_MS), 200, 'the home page answers')
    const moved = /keeps its data in (\S+)\/postgres\./.exec(first.output())
    t.ok(moved, 'says where the data went, since the OS user "postgres" cannot reach the clone')
    if (moved) t.teardown(() => rm(moved[1]!, { recursive: true, force: true }))
    await stopsCleanly(t, first, clone.dir, ports.postgres, () => first.npm.kill('SIGTERM'))
    // Logged once the worker has joined, which may be just after the first answer.
    t.match(first.output(), /Broadsheet is ready: open http:\/\/localhost:/, 'says where to open it')

    // A restart finds its data again, and SIGTERM to node itself (what a process manager may do) ends npm too.
    const second = npmStart(clone.dir, ports)
    t.teardown(() => killGroup(second))
    t.equal(await firstAnswer(ports.http, second, START_LIMIT_MS), 200, 'the restart answers')
    t.notMatch(second.output(), /Creating the embedded Postgres data directory/, 'the restart reuses the cluster')
    // Ready in zero-config too: the embedded Postgres, the queue on BullMQ's Postgres tables, the migrations.
    const ready = await fetch(`http://127.0.0.1:${ports.http}/readyz`)
    t.equal(ready.status, 200, 'ready')
    t.same(await ready.json(), { status: 'ready', checks: { database: 'ok', queue: 'ok', migrations: 'ok' } })
    const site = await startFixtureServer(t)
    const thread = await postAndDigest(ports.http, site.url('/editorial.html'))
    t.equal(thread.status, 'ready', 'a posted link gets its digest from the worker npm start runs')
    t.ok((thread.excerpt as unknown[] | null)?.length, 'with its excerpt')
    await stopsCleanly(t, second, clone.dir, ports.postgres, (pids) => {
      const node = [...pids].find(([, command]) => command.includes('src/start.ts'))
      process.kill(node![0], 'SIGTERM')
    })
  },
)
