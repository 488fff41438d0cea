import { runBroadsheet } from './startup.js'

/** The web app alone (`npm run start:web`), for a deployment that runs its workers apart. */
runBroadsheet('web', { web: true, worker: false })
