import { ensureDatabaseUrl } from '../scripts/throwaway-database.js'
import { queueKinds } from '../test/helpers/build-app.js'
import { benchDigestLatency } from './digest-latency.js'

/** `npm run bench:worker`: post → ready through the API, cold, warm and after idle; prints the figures. */
async function main() {
  const cleanUps: (() => unknown)[] = []
  const t = { teardown: (fn: () => unknown) => void cleanUps.push(fn) }
  cleanUps.push(await ensureDatabaseUrl((msg) => console.log(msg)))
  try {
    for (const queue of queueKinds()) await benchDigestLatency(t, queue)
  } finally {
    for (const fn of cleanUps.reverse()) await fn()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
