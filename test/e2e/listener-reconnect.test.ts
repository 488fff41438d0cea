import type { AddressInfo } from 'node:net'
import pg from 'pg'
import t, { type Test } from 'tap'
import { request } from 'undici'
import { listenerName } from '../../src/plugins/thread-events.js'
import { buildTestApp, type QueueKind } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { capturedLog } from '../helpers/log-lines.js'
import { startRestartablePostgres } from '../helpers/restartable-postgres.js'

/** Reads a thread's SSE stream in the background, collecting its status events until it ends. */
async function openStatusStream(url: string) {
  const res = await request(url, { headers: { accept: 'text/event-stream' } })
  if (res.statusCode !== 200) throw new Error(`events: ${res.statusCode}`)
  const statuses: string[] = []
  const ended = (async () => {
    let buffer = ''
    for await (const chunk of res.body) {
      buffer += chunk.toString()
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (/^event: status$/m.test(block) && data) statuses.push((JSON.parse(data) as { status: string }).status)
      }
    }
    return statuses
  })()
  return { statuses, ended }
}

async function until(what: string, check: () => Promise<boolean> | boolean, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** The backends of an app's listener that are connected and listening. */
async function listeners(databaseUrl: string, schema: string): Promise<number[]> {
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
      [listenerName(schema)],
    )
    return rows.map((r) => r.pid)
  } finally {
    await admin.end()
  }
}

/**
 * A thread page's stream is open and has said "pending"; `loseConnection`
 * takes the listener's connection away; once a new listener is up the worker
 * runs, and every change must still arrive live. Without a reconnect the
 * stream would only catch up on "ready" at a heartbeat, never see "fetching".
 */
async function checkStreamSurvives(
  t: Test,
  { databaseUrl, queue }: { databaseUrl: string; queue?: QueueKind },
  loseConnection: (schema: string) => Promise<void>,
) {
  const fixtures = await startFixtureServer(t)
  const { log, lines } = capturedLog()
  const { app, config, startWorker } = await buildTestApp(t, { databaseUrl, log, ...(queue ? { queue } : {}) })
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: fixtures.url('/editorial.html'), forum: 'editorials' })
  const id = posted.json().thread.id as number
  await app.listen({ port: 0, host: '127.0.0.1' })
  const stream = await openStatusStream(
    `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/threads/${id}/events`,
  )
  await until('the first status', () => stream.statuses.length > 0)

  const before = await listeners(databaseUrl, config.databaseSchema)
  t.equal(before.length, 1, 'one listener')
  await loseConnection(config.databaseSchema)
  await until('a new listener', async () => {
    const now = await listeners(databaseUrl, config.databaseSchema).catch(() => [])
    return now.length === 1 && now[0] !== before[0]
  })

  await startWorker({ workerConcurrency: 1 })
  t.same(await stream.ended, ['pending', 'fetching', 'ready'], 'each change arrives live, then the stream ends')

  const listenerLines = lines.filter((l) => /listener/.test(l.msg))
  t.match(listenerLines, [{ level: 40, msg: /lost its database connection; reconnecting/ }], 'the loss is one warning')
  t.ok(
    listenerLines.some((l) => l.level === 30 && /reconnected/.test(l.msg)),
    'the reconnect is noted',
  )
  t.notOk(
    listenerLines.some((l) => l.level >= 50),
    'no error lines from the listener',
  )
}

t.test("the listener's backend is terminated under an open stream", async (t) => {
  const databaseUrl = process.env.DATABASE_URL!
  await checkStreamSurvives(t, { databaseUrl }, async (schema) => {
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    // Only this app's listener: other test files share the server.
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [
      listenerName(schema),
    ])
    await admin.end()
  })
})

t.test('Postgres restarts under an open stream, with the queue on it too', async (t) => {
  const postgres = await startRestartablePostgres(t)
  // As in the zero-config setup: the queue's own connections are lost as well and must not end the process.
  await checkStreamSurvives(t, { databaseUrl: postgres.url, queue: 'postgres' }, async () => {
    await postgres.stop()
    await postgres.start()
  })
})
