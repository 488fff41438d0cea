import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost } from '../helpers/factories.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

const logCount = async (pool: import('pg').Pool) =>
  (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM moderation_log')).rows[0]!.n

t.test('a host acts in their forum only; a member not at all; nothing changes when refused', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, member, poster } = await moderationCast(app, pool, 'economy')
  const own = await threadIn(app, poster, 'economy')
  const elsewhere = await threadIn(app, poster, 'science')
  const before = await logCount(pool)

  for (const [who, id, code] of [
    [host, elsewhere, 'not_moderator'],
    [member, own, 'not_moderator'],
  ] as const) {
    for (const action of ['lock', 'pin', 'hide', 'unlock']) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/threads/${id}/${action}`,
        headers: who.auth,
        payload: { reason: 'because' },
      })
      t.equal(res.statusCode, 403, `${action} refused`)
      t.same(Object.keys(res.json()).sort(), ['error', 'message'])
      t.equal(res.json().error, code)
    }
    const move = await app.inject({
      method: 'POST',
      url: `/api/threads/${id}/move`,
      headers: who.auth,
      payload: { forum: 'health', reason: 'off topic' },
    })
    t.equal(move.statusCode, 403)
  }
  const anonymous = await app.inject({ method: 'POST', url: `/api/threads/${own}/lock`, payload: {} })
  t.equal(anonymous.statusCode, 401)
  const { rows } = await pool.query(
    'SELECT forum_id, locked_at, pinned_at, hidden_at FROM threads WHERE id = ANY($1) ORDER BY id',
    [[own, elsewhere]],
  )
  t.ok(
    rows.every((r) => r.locked_at === null && r.pinned_at === null && r.hidden_at === null),
    'no thread changed',
  )
  t.equal(await logCount(pool), before, 'nothing logged')

  // The page's form is refused alike.
  const cookie = await browserSession(app, member.user.username, member.password)
  const page = await app.inject({ method: 'GET', url: `/threads/${own}/moderate`, headers: { cookie } })
  t.equal(page.statusCode, 403)
  const form = await app.inject({
    url: `/threads/${own}/moderate`,
    ...formPost({ action: 'lock', reason: 'x' }, { cookie }),
  })
  t.equal(form.statusCode, 403)
  t.equal((await pool.query('SELECT locked_at FROM threads WHERE id = $1', [own])).rows[0].locked_at, null)
})

t.test('a locked thread refuses replies through the API and the pages', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, member, poster } = await moderationCast(app, pool, 'economy')
  const id = await threadIn(app, poster, 'economy')
  const lock = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/lock`,
    headers: host.auth,
    payload: { reason: 'Heated; cooling off' },
  })
  t.equal(lock.statusCode, 200)
  t.match(lock.json(), { changed: true, post: { kind: 'thread', id, locked: true } })
  const again = await app.inject({ method: 'POST', url: `/api/threads/${id}/lock`, headers: host.auth, payload: {} })
  t.match(again.json(), { changed: false }, 'locking twice changes nothing')

  const api = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/replies`,
    headers: member.auth,
    payload: { body: 'Let me in' },
  })
  t.equal(api.statusCode, 409)
  t.same(api.json(), { error: 'thread_locked', message: 'This thread is locked: it takes no new replies.' })

  const cookie = await browserSession(app, member.user.username, member.password)
  const page = await app.inject({ url: `/threads/${id}`, ...formPost({ body: 'Through the form' }, { cookie }) })
  t.equal(page.statusCode, 409)
  t.match(page.body, 'This thread is locked: it takes no new replies.')
  t.match(page.body, 'Through the form', 'what was typed is kept')
  t.notMatch(page.body, 'name="body"', 'no reply form')
  const shown = await app.inject({ url: `/threads/${id}`, headers: { cookie } })
  t.match(shown.body, 'This thread is locked')
  t.notMatch(shown.body, `action="/threads/${id}#reply"`, 'no reply form')
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM replies WHERE thread_id = $1', [id])
  t.equal(rows[0].n, 0)

  const { rows: log } = await pool.query(
    `SELECT action, actor_id, thread_id, reason FROM moderation_log WHERE thread_id = $1`,
    [id],
  )
  t.same(log, [{ action: 'lock', actor_id: host.user.id, thread_id: id, reason: 'Heated; cooling off' }])

  await app.inject({ method: 'POST', url: `/api/threads/${id}/unlock`, headers: host.auth, payload: {} })
  t.equal((await replyTo(app, member, id, 'Open again')) > 0, true, 'unlocked, it takes replies')
})

t.test('a host moves a thread out of their forum, and cannot act on it there', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, moderator, poster } = await moderationCast(app, pool, 'economy')
  const id = await threadIn(app, poster, 'economy')
  const noReason = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/move`,
    headers: host.auth,
    payload: { forum: 'health', reason: ' ' },
  })
  t.equal(noReason.statusCode, 400)
  t.equal(noReason.json().error, 'missing_reason')
  const move = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/move`,
    headers: host.auth,
    payload: { forum: 'health', reason: 'About hospitals' },
  })
  t.equal(move.statusCode, 200)
  const { rows } = await pool.query(
    `SELECT f.slug, f.thread_count FROM threads t JOIN forums f ON f.id = t.forum_id WHERE t.id = $1`,
    [id],
  )
  t.same(rows, [{ slug: 'health', thread_count: 1 }])
  for (const forum of ['economy', 'health']) {
    const log = await app.inject({ url: `/api/moderation/log?forum=${forum}` })
    t.match(log.json().entries[0], { action: 'move', thread: { id }, details: { toForum: 'health' } }, `${forum}'s log`)
  }
  const back = await app.inject({
    method: 'POST',
    url: `/api/threads/${id}/move`,
    headers: host.auth,
    payload: { forum: 'economy', reason: 'Changed my mind' },
  })
  t.equal(back.statusCode, 403, 'health is not theirs')
  const mod = await app.inject({ method: 'POST', url: `/api/threads/${id}/pin`, headers: moderator.auth, payload: {} })
  t.equal(mod.statusCode, 200, 'a moderator acts anywhere')
})

t.test('pinned threads head their forum’s first page, marked, and paging stays whole', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, poster } = await moderationCast(app, pool, 'economy')
  const ids: number[] = []
  for (let i = 0; i < 27; i++) ids.push(await threadIn(app, poster, 'economy', `/pin-${i}`))
  const oldest = ids[0]!
  await app.inject({ method: 'POST', url: `/api/threads/${oldest}/pin`, headers: host.auth, payload: {} })
  const first = await app.inject({ url: '/forums/economy?sort=new' })
  const listed = [...first.body.matchAll(/data-thread="(\d+)"/g)].map((m) => Number(m[1]))
  t.equal(listed[0], oldest, 'the pinned thread comes first')
  t.equal(listed.length, 26, 'the pinned one and a full page')
  t.match(first.body, new RegExp(`data-thread="${oldest}" data-pinned`))
  t.match(first.body, '<span class="label pinned">Pinned</span>')
  const next = /rel="next" href="([^"]+)"/.exec(first.body)![1]!.replace(/&amp;/g, '&')
  const second = await app.inject({ url: next })
  const later = [...second.body.matchAll(/data-thread="(\d+)"/g)].map((m) => Number(m[1]))
  t.same(later, [ids[1]], 'the rest, without the pinned thread again')
  const all = new Set([...listed, ...later])
  t.equal(all.size, 27, 'every thread once')
})

t.test(
  'moderator controls show only to those who may use them; the cached page is the same for everyone',
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { host, moderator, member, poster } = await moderationCast(app, pool, 'economy')
    const own = await threadIn(app, poster, 'economy')
    const elsewhere = await threadIn(app, poster, 'science')
    await replyTo(app, member, own, 'A reply to moderate')
    const anonymous = await app.inject({ url: `/threads/${own}` })
    t.notMatch(anonymous.body, 'Moderate this thread')
    t.notMatch(anonymous.body, '/moderate"', 'no Moderate link for a reader who cannot use it')
    const seen = async (who: typeof host, id: number) => {
      const cookie = await browserSession(app, who.user.username, who.password)
      return (await app.inject({ url: `/threads/${id}`, headers: { cookie } })).body
    }
    t.match(await seen(host, own), `href="/threads/${own}/moderate"`, 'the host, in their forum')
    t.match(await seen(host, own), /<span class="tools"><a href="\/replies\/\d+\/moderate">Moderate<\/a><\/span>/)
    t.notMatch(await seen(host, elsewhere), '/moderate">Moderate</a>', 'nor its replies’ links')
    t.notMatch(await seen(host, elsewhere), 'Moderate this thread', 'not outside it')
    t.match(await seen(moderator, elsewhere), 'Moderate this thread', 'a moderator everywhere')
    t.notMatch(await seen(member, own), 'Moderate this thread')
    t.notMatch(await seen(member, own), '/moderate">Moderate</a>')
    t.equal(
      (await app.inject({ url: `/threads/${own}` })).body,
      anonymous.body,
      'anonymous readers still share one page',
    )
  },
)

t.test('replies written at once, while a host locks the thread: each is stored or refused, none fails', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, member } = await moderationCast(app, pool, 'economy')
  const poster = member
  const id = await threadIn(app, poster, 'economy')
  const sends = Array.from({ length: 12 }, (_, i) =>
    app.inject({ method: 'POST', url: `/api/threads/${id}/replies`, headers: host.auth, payload: { body: `n${i}` } }),
  )
  // The lock comes once the first reply is in, while the others are on their way.
  await sends[0]
  const lock = app.inject({ method: 'POST', url: `/api/threads/${id}/lock`, headers: host.auth, payload: {} })
  const answers = await Promise.all([...sends, lock])
  const codes = answers.slice(0, -1).map((r) => r.statusCode)
  t.equal(codes[0], 201)
  t.ok(
    codes.every((c) => c === 201 || c === 409),
    `stored or refused as locked: ${codes.join(' ')}`,
  )
  t.equal(answers.at(-1)!.statusCode, 200)
  const { rows } = await pool.query('SELECT reply_count FROM threads WHERE id = $1', [id])
  t.equal(rows[0].reply_count, codes.filter((c) => c === 201).length, 'the count is the stored replies')
})
