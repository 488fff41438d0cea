import { parseArgs } from 'node:util'
import { ensureDatabaseUrl } from '../scripts/throwaway-database.js'
import { queueKinds } from '../test/helpers/build-app.js'
import { benchDigestLatency } from './digest-latency.js'

const USAGE = `npm run bench:worker -- [--queue redis|postgres] [--idle-seconds N] [--idle-runs 3]
Post → ready through the API, cold, warm and after idle (by default just past the extraction threads' idle timeout).`

/** `npm run bench:worker`: post → ready through the API, cold, warm and after idle; prints the figures. */
async function main() {
  const { values } = parseArgs({
    options: {
      queue: { type: 'string' },
      'idle-seconds': { type: 'string' },
      'idle-runs': { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) return console.log(USAGE)
  const queues = queueKinds().filter((kind) => !values.queue || kind === values.queue)
  if (!queues.length) throw new Error(`No ${values.queue} queue here (${queueKinds().join(', ')})\n${USAGE}`)
  const options = {
    ...(values['idle-seconds'] ? { idleMs: Number(values['idle-seconds']) * 1000 } : {}),
    ...(values['idle-runs'] ? { idleRuns: Number(values['idle-runs']) } : {}),
  }
  const cleanUps: (() => unknown)[] = []
  const t = { teardown: (fn: () => unknown) => void cleanUps.push(fn) }
  cleanUps.push(await ensureDatabaseUrl((msg) => console.log(msg)))
  try {
    for (const queue of queues) await benchDigestLatency(t, queue, options)
  } finally {
    for (const fn of cleanUps.reverse()) await fn()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
