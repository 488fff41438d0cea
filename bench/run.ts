import { queueKinds } from '../test/helpers/build-app.js'
import { ensureDatabaseUrl } from '../scripts/throwaway-database.js'
import { benchDigestLatency } from './digest-latency.js'
import { benchPageSpeed } from './page-speed.js'

/** `npm run bench`: prints the figures; asserts nothing about speed. */
async function main() {
  const cleanUps: (() => unknown)[] = []
  const t = { teardown: (fn: () => unknown) => void cleanUps.push(fn) }
  cleanUps.push(await ensureDatabaseUrl((msg) => console.log(msg)))
  try {
    for (const queue of queueKinds()) await benchDigestLatency(t, queue)
    await benchPageSpeed(t)
    console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
  } finally {
    for (const fn of cleanUps.reverse()) await fn()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
