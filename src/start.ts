import { runBroadsheet } from './startup.js'

/** `npm start`: web and worker in one process, for a single machine. */
runBroadsheet('broadsheet', { web: true, worker: true })
