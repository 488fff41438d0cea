import { runBroadsheet } from '../src/startup.js'

/** Worker entry: run as many of these, on as many machines, as the digests need. */
runBroadsheet('worker', { web: false, worker: true })
