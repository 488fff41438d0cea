import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'

type App = Awaited<ReturnType<typeof buildTestApp>>['app']
type Member = Awaited<ReturnType<typeof registerMember>>

async function threadOf(app: App, member: Member) {
  const posted = await postLink(app, member.auth, { url: 'https://example.com/own-words', forum: 'the-lounge' })
  return posted.json().thread.id as number
}

async function replyTo(app: App, member: Member, threadId: number, body: string, parentId?: number) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/threads/${threadId}/replies`,
    headers: member.auth,
    payload: { body, ...(parentId ? { parentId } : {}) },
  })
  return res.json().reply.id as number
}

const postCount = async (pool: Awaited<ReturnType<typeof buildTestApp>>['pool'], member: Member) =>
  (await pool.query<{ n: number }>('SELECT post_count AS n FROM users WHERE id = $1', [member.user.id])).rows[0]!.n

t.test('only its author edits or deletes a reply, through the API', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const alice = await registerMember(app)
  const bob = await registerMember(app)
  const id = await threadOf(app, alice)
  const said = await replyTo(app, alice, id, 'First words.')
  const before = await app.inject({ method: 'GET', url: `/api/threads/${id}/replies` })

  for (const [method, payload] of [
    ['PATCH', { body: 'Not mine.' }],
    ['DELETE', undefined],
  ] as const) {
    const other = await app.inject({ method, url: `/api/replies/${said}`, headers: bob.auth, payload })
    t.equal(other.statusCode, 403, `${method} by another member`)
    t.same(other.json(), {
      error: 'not_yours',
      message: 'Only the member who wrote this reply can change or delete it.',
    })
    const anonymous = await app.inject({ method, url: `/api/replies/${said}`, payload })
    t.equal(anonymous.statusCode, 401, `${method} without a token`)
    t.equal(anonymous.json().error, 'unauthorized')
  }
  const unchanged = await app.inject({ method: 'GET', url: `/api/threads/${id}/replies` })
  t.same(unchanged.json(), before.json(), 'nothing changed')
  t.equal((await pool.query('SELECT count(*)::int AS n FROM reply_revisions')).rows[0].n, 0)

  const missing = await app.inject({
    method: 'PATCH',
    url: '/api/replies/999999',
    headers: alice.auth,
    payload: { body: 'x' },
  })
  t.equal(missing.statusCode, 404)
  const extra = await app.inject({
    method: 'PATCH',
    url: `/api/replies/${said}`,
    headers: alice.auth,
    payload: { body: 'x', authorId: 1 },
  })
  t.equal(extra.statusCode, 400, 'the schema refuses unknown fields')
  const blank = await app.inject({
    method: 'PATCH',
    url: `/api/replies/${said}`,
    headers: alice.auth,
    payload: { body: '  ' },
  })
  t.equal(blank.statusCode, 400)
  t.equal(blank.json().error, 'empty_reply')

  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/replies/${said}`,
    headers: alice.auth,
    payload: { body: 'Better words.' },
  })
  t.equal(edited.statusCode, 200)
  t.equal(edited.json().reply.body, 'Better words.')
  t.ok(edited.json().reply.editedAt, 'marked edited')
  const kept = await pool.query('SELECT body, replaced_by AS "replacedBy" FROM reply_revisions WHERE reply_id = $1', [
    said,
  ])
  t.same(kept.rows, [{ body: 'First words.', replacedBy: 'edit' }], 'the earlier text is kept for moderators')

  t.equal(await postCount(pool, alice), 2)
  const replyCount = async () =>
    (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread.replyCount
  const listed = async () =>
    (await app.inject({ method: 'GET', url: '/api/threads' })).json().threads.find((x: { id: number }) => x.id === id)
      .replyCount
  t.equal(await replyCount(), 1)
  const deleted = await app.inject({ method: 'DELETE', url: `/api/replies/${said}`, headers: alice.auth })
  t.equal(deleted.statusCode, 200)
  t.match(deleted.json().reply, { id: said, body: '', deleted: true })
  t.equal(await postCount(pool, alice), 1, 'the post count goes down')
  t.equal(await replyCount(), 0, "and so does the thread's reply count")
  t.equal(await listed(), 0, 'which the listing shows too')
  const again = await app.inject({ method: 'DELETE', url: `/api/replies/${said}`, headers: alice.auth })
  t.equal(again.statusCode, 409)
  t.equal(again.json().error, 'reply_deleted')
  const edit = await app.inject({
    method: 'PATCH',
    url: `/api/replies/${said}`,
    headers: alice.auth,
    payload: { body: 'Back.' },
  })
  t.equal(edit.statusCode, 409, 'a deleted reply cannot be edited back')
  t.equal(await postCount(pool, alice), 1)
  t.equal(await replyCount(), 0, 'deleting twice takes nothing more off')
})
