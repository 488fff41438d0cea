import { chmod, chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { cloneProject, firstAnswer, npmStart, START_LIMIT_MS, stopsCleanly } from '../helpers/zero-config.js'

const isRoot = process.getuid?.() === 0
/** The user "nobody": no home, no privileges, no group of its own. */
const NOBODY = { uid: 65534, gid: 65534 }

t.test(
  'npm start as an unprivileged user, stopped by Ctrl-C (SIGINT to the whole process group)',
  { skip: !isRoot && 'needs root to start it as another user' },
  async (t) => {
    const clone = await cloneProject()
    t.teardown(clone.remove)
    // As that user's own clone would be: readable by it, the project directory its own.
    await chmod(clone.parent, 0o755)
    await chown(clone.dir, NOBODY.uid, NOBODY.gid)
    const home = await mkdtemp(join(tmpdir(), 'broadsheet-home-'))
    t.teardown(() => rm(home, { recursive: true, force: true }))
    await chown(home, NOBODY.uid, NOBODY.gid)
    const ports = { http: await freePort(), postgres: await freePort() }

    const started = npmStart(clone.dir, ports, { ...NOBODY, home })
    t.equal(await firstAnswer(ports.http, started, START_LIMIT_MS), 200, 'the home page answers')
    t.match(
      started.output(),
      `with data in ${join(clone.dir, 'data', 'postgres')}`,
      'the cluster is in the clone, owned by the user',
    )
    await stopsCleanly(t, started, clone.dir, ports.postgres, () => process.kill(-started.npm.pid!, 'SIGINT'))
  },
)
