import { join } from 'node:path'
import t from 'tap'
import { freePort } from '../../scripts/throwaway-database.js'
import { runToEnd } from '../helpers/worker-process.js'

t.test('a worker that cannot reach its database says so in one sentence, no stack', async (t) => {
  const port = await freePort()
  const { code, stdout, stderr } = await runToEnd(join('workers', 'digest.ts'), {
    DATABASE_URL: `postgres://broadsheet:secret-word@127.0.0.1:${port}/broadsheet`,
    QUEUE_PREFIX: 'start_failures',
    LOG_LEVEL: 'info',
  })
  t.equal(code, 1, 'exits with status 1')
  t.same(
    stderr.trim().split('\n'),
    [
      `Cannot reach the database at 127.0.0.1:${port} (ECONNREFUSED): start Postgres there, or set DATABASE_URL to one that runs.`,
    ],
    'one line',
  )
  t.notMatch(stdout + stderr, 'secret-word', 'the password is not printed')
})
