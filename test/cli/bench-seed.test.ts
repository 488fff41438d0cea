/**
 * The benchmark seeder with tiny numbers: the shapes it promises (counts,
 * the busiest forum, one thread of exactly 200 replies, counters that agree
 * with the rows) and a database the app serves. Speed is never checked here.
 */
import { threadPage } from '../helpers/factories.js'
import t from 'tap'
import { BUSIEST_FORUM, findRarePhrase, REPLIES_IN_BIG_THREAD, seedDatabase } from '../../bench/seed-database.js'
import { REPLIES_PER_PAGE } from '../../src/limits.js'
import { buildTestApp } from '../helpers/build-app.js'

t.test('seeds a database of realistic shape that the app serves', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const client = await pool.connect()
  const options = { threads: 300, replies: 1200, members: 40, days: 30, seed: 3, reset: false }
  const result = await seedDatabase(client, options).finally(() => client.release())

  const { rows: counts } = await pool.query<{ threads: number; replies: number; members: number; links: number }>(
    `SELECT (SELECT count(*) FROM threads)::int AS threads, (SELECT count(*) FROM replies)::int AS replies,
            (SELECT count(*) FROM users)::int AS members, (SELECT count(*) FROM thread_links)::int AS links`,
  )
  t.same(counts[0], { threads: 300, replies: 1200, members: 40, links: 900 })

  const { rows: big } = await pool.query<{ replies: number; counted: number; forum: string }>(
    `SELECT t.reply_count AS replies, (SELECT count(*) FROM replies r WHERE r.thread_id = t.id)::int AS counted, f.slug AS forum
     FROM threads t JOIN forums f ON f.id = t.forum_id WHERE t.id = $1`,
    [result.thread200],
  )
  t.same(big[0], { replies: REPLIES_IN_BIG_THREAD, counted: REPLIES_IN_BIG_THREAD, forum: BUSIEST_FORUM })
  const { rows: tree } = await pool.query<{ level: number; n: number }>(
    `WITH RECURSIVE tree AS (
       SELECT id, 1 AS level FROM replies WHERE thread_id = $1 AND parent_id IS NULL
       UNION ALL SELECT r.id, tree.level + 1 FROM replies r JOIN tree ON r.parent_id = tree.id WHERE r.thread_id = $1)
     SELECT level, count(*)::int AS n FROM tree GROUP BY level ORDER BY level`,
    [result.thread200],
  )
  t.same(
    tree,
    [1, 2, 3, 4, 5, 6].map((level) => ({ level, n: level === 3 || level === 5 ? 50 : 25 })),
    'the 200-reply thread is a tree six levels deep, every reply in it, answered in the same thread',
  )

  const { rows: drift } = await pool.query<{ threads: number; forums: number; users: number; excerpts: number }>(
    `SELECT
       (SELECT count(*) FROM threads t WHERE t.reply_count <> (SELECT count(*) FROM replies r WHERE r.thread_id = t.id)
          OR t.last_activity_at < coalesce((SELECT max(created_at) FROM replies r WHERE r.thread_id = t.id), t.created_at))::int AS threads,
       (SELECT count(*) FROM forums f WHERE f.thread_count <> (SELECT count(*) FROM threads t WHERE t.forum_id = f.id))::int AS forums,
       (SELECT count(*) FROM users u WHERE u.post_count <> (SELECT count(*) FROM threads t WHERE t.author_id = u.id)
          + (SELECT count(*) FROM replies r WHERE r.author_id = u.id))::int AS users,
       (SELECT count(*) FROM threads WHERE status <> 'ready' OR cardinality(excerpt) <> 4 OR title IS NULL)::int AS excerpts`,
  )
  t.same(drift[0], { threads: 0, forums: 0, users: 0, excerpts: 0 }, 'counters agree with the rows')
  const { rows: recs } = await pool.query<{ drift: number; recommended: number; lastBy: number }>(
    `SELECT (SELECT count(*) FROM threads t WHERE t.rec_count <> (SELECT count(*) FROM recs r WHERE r.thread_id = t.id))::int AS drift,
            (SELECT count(*) FROM threads WHERE rec_count > 0)::int AS recommended,
            (SELECT count(*) FROM threads t WHERE t.last_reply_by IS DISTINCT FROM
               (SELECT author_id FROM replies r WHERE r.thread_id = t.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1))::int AS "lastBy"`,
  )
  t.equal(recs[0]!.drift, 0, 'rec counts agree with the recs')
  t.ok(recs[0]!.recommended > 0, 'recent threads have recs, for Greatest Threads')
  t.equal(recs[0]!.lastBy, 0, "each thread knows its last reply's author")

  const { rows: forums } = await pool.query<{ slug: string }>(
    'SELECT slug FROM forums ORDER BY thread_count DESC LIMIT 1',
  )
  t.equal(forums[0]!.slug, BUSIEST_FORUM)

  const page = await threadPage(app, result.thread200)
  t.equal(page.statusCode, 200)
  t.match(page.body, `<span>Page 1 of ${REPLIES_IN_BIG_THREAD / REPLIES_PER_PAGE}</span>`)
  t.equal(page.body.match(/id="reply-\d+"/g)?.length, REPLIES_PER_PAGE)
  const json = await app.inject({ url: `/api/threads/${result.thread200}` })
  t.equal(json.statusCode, 200)
  t.equal((await app.inject({ url: `/forums/${BUSIEST_FORUM}` })).statusCode, 200)
  t.equal((await app.inject({ url: '/' })).statusCode, 200)

  // Articles go on past their excerpt, and search finds them by a phrase from there, stemmed in English.
  const phrase = await findRarePhrase(pool, result.thread200)
  const { rows: text } = await pool.query<{ excerpt: string[] }>('SELECT excerpt FROM threads WHERE id = $1', [
    result.thread200,
  ])
  t.notMatch(text[0]!.excerpt.join(' '), phrase, 'the phrase is past the excerpt')
  const found = await app.inject({ url: `/api/search?q=${encodeURIComponent(`"${phrase}"`)}&type=threads` })
  t.equal(found.statusCode, 200)
  t.ok(
    (found.json().results as { id: number }[]).some((r) => r.id === result.thread200),
    `"${phrase}" finds the thread`,
  )
  const stemmed = await app.inject({ url: '/api/search?q=official' })
  t.ok(stemmed.json().results.length > 0, '"official" finds "Officials said…"')

  const again = await pool.connect()
  await t.rejects(
    seedDatabase(again, options).finally(() => again.release()),
    /already has members or threads/,
  )
})
