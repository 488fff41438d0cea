import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, readyThread, registerMember } from '../helpers/factories.js'

type App = Awaited<ReturnType<typeof buildTestApp>>['app']

const rec = (app: App, auth: Record<string, string>, id: number, method: 'PUT' | 'DELETE' = 'PUT') =>
  app.inject({ method, url: `/api/threads/${id}/rec`, headers: auth })

t.test('a member recs a thread once and can take it back; the count follows', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const reader = await registerMember(app)
  const other = await registerMember(app)
  const id = await readyThread(
    { app, pool },
    poster.auth,
    { url: 'https://example.com/worth-it', forum: 'economy' },
    'Worth reading',
  )

  const first = await rec(app, reader.auth, id)
  t.equal(first.statusCode, 200)
  t.same(first.json(), { recommended: true, recCount: 1, changed: true })
  t.same((await rec(app, reader.auth, id)).json(), { recommended: true, recCount: 1, changed: false }, 'once only')
  t.same((await rec(app, other.auth, id)).json(), { recommended: true, recCount: 2, changed: true })
  t.equal((await app.inject({ url: `/api/threads/${id}` })).json().thread.recCount, 2, 'the thread shows it')

  t.same((await rec(app, reader.auth, id, 'DELETE')).json(), { recommended: false, recCount: 1, changed: true })
  t.same((await rec(app, reader.auth, id, 'DELETE')).json(), { recommended: false, recCount: 1, changed: false })
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM recs WHERE thread_id = $1', [id])
  t.equal(rows[0].n, 1, 'the count matches the recs kept')
})

t.test('refusals: your own thread, no such thread, not logged in; nothing changes', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const id = (await postLink(app, poster.auth, { url: 'https://example.com/mine', forum: 'economy' })).json().thread
    .id as number

  const own = await rec(app, poster.auth, id)
  t.equal(own.statusCode, 403)
  t.same(own.json(), { error: 'own_thread', message: 'You cannot recommend your own thread; others can.' })
  const missing = await rec(app, poster.auth, 999_999_999)
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().error, 'unknown_thread')
  const anonymous = await app.inject({ method: 'PUT', url: `/api/threads/${id}/rec` })
  t.equal(anonymous.statusCode, 401)
  const { rows } = await pool.query('SELECT rec_count FROM threads WHERE id = $1', [id])
  t.equal(rows[0].rec_count, 0)
  t.equal((await pool.query('SELECT 1 FROM recs')).rowCount, 0)
})

t.test('two members recommending at the same moment both count', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const readers = await Promise.all(Array.from({ length: 8 }, () => registerMember(app)))
  const id = (await postLink(app, poster.auth, { url: 'https://example.com/popular', forum: 'economy' })).json().thread
    .id as number
  const answers = await Promise.all(readers.flatMap((r) => [rec(app, r.auth, id), rec(app, r.auth, id)]))
  t.ok(answers.every((a) => a.statusCode === 200))
  const { rows } = await pool.query('SELECT rec_count FROM threads WHERE id = $1', [id])
  t.equal(rows[0].rec_count, 8, 'each member once, none lost')
})
