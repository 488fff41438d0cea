import type pg from 'pg'
import type { Queryable } from '../src/db/pool.js'
import { LINK_RULES_VERSION, linkKey } from '../src/links/normalize.js'
import { buildTextPools, keyHostOf } from './seed-text.js'

export interface SeedOptions {
  threads: number
  replies: number
  members: number
  /** Days the threads are spread over, ending now. */
  days: number
  seed: number
  /** Empty the member and thread tables first instead of refusing a database that has them. */
  reset: boolean
}

export interface SeedResult {
  /** The thread with exactly 200 replies, in the busiest forum. */
  thread200: number
  busiestForum: string
  seconds: number
}

/** The forum that gets about a third of all threads; the others share the rest by Zipf's law. */
export const BUSIEST_FORUM = 'latest-breaking-news'
const BUSIEST_SHARE = 0.35
export const REPLIES_IN_BIG_THREAD = 200

/** The thread the seeder made with exactly 200 replies (the newest such, if chance made others). */
export async function findBigThread(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id::int FROM threads WHERE reply_count = $1 ORDER BY id DESC LIMIT 1',
    [REPLIES_IN_BIG_THREAD],
  )
  if (!rows[0]) throw new Error('No thread has 200 replies: seed the database with `npm run bench:seed` first.')
  return rows[0].id
}
/**
 * Makes a thread's replies a real discussion tree, in the order they were posted: conversations of
 * eight (25 in the 200-reply thread), each a chain six deep (every reply answers the one before)
 * with two answers branching off it, at the fifth and third levels. The seeder does this to the
 * 200-reply thread; `npm run bench:seed -- --nest-thread ID` does it to a database seeded before.
 */
export async function nestThread(db: pg.ClientBase | pg.Pool, threadId: number): Promise<void> {
  await db.query(
    `WITH ordered AS (
       SELECT id, row_number() OVER w AS k, lag(id) OVER w AS prev1, lag(id, 3) OVER w AS prev3, lag(id, 6) OVER w AS prev6
       FROM replies WHERE thread_id = $1 WINDOW w AS (ORDER BY id))
     UPDATE replies r SET parent_id = CASE o.k % 8 WHEN 1 THEN NULL WHEN 7 THEN o.prev3 WHEN 0 THEN o.prev6 ELSE o.prev1 END
     FROM ordered o WHERE r.id = o.id`,
    [threadId],
  )
}

/** How many levels deep a thread's replies go (1: none answers another). */
export async function replyTreeDepth(db: pg.ClientBase | pg.Pool, threadId: number): Promise<number> {
  const { rows } = await db.query<{ depth: number }>(
    `WITH RECURSIVE tree AS (
       SELECT id, 1 AS level FROM replies WHERE thread_id = $1 AND parent_id IS NULL
       UNION ALL SELECT r.id, tree.level + 1 FROM replies r JOIN tree ON r.parent_id = tree.id)
     SELECT coalesce(max(level), 0)::int AS depth FROM tree`,
    [threadId],
  )
  return rows[0]!.depth
}

/** A phrase only a few seeded articles hold ("Kowalski of Brindlemoor"): a search for a rare phrase. */
export async function findRarePhrase(db: Queryable, threadId: number): Promise<string> {
  const { rows } = await db.query<{ phrase: string | null }>(
    `SELECT substring(article_text FROM '([A-Z][a-z]+ of [A-Z][a-z]+) said the question') AS phrase FROM threads WHERE id = $1`,
    [threadId],
  )
  if (!rows[0]?.phrase)
    throw new Error('The seeded articles quote no one: seed the database again with `npm run bench:seed`.')
  return rows[0].phrase
}

/** A prime that scatters popular-rank numbers over thread ids, so busy threads sit anywhere in time. */
const SCATTER = 1_000_003

const TABLES = ['threads', 'replies', 'thread_links', 'recs', 'watches']

/**
 * Fills a migrated database inside Postgres (generate_series over small pools
 * of text), so a million threads take minutes: members post by a Zipf-like
 * law, one forum is much busier, every digest is ready with four paragraphs,
 * and the counters the app keeps (reply and post counts, last activity, link
 * keys) agree with the rows.
 */
export async function seedDatabase(client: pg.ClientBase, o: SeedOptions): Promise<SeedResult> {
  if (o.threads < 2 || o.members < 1 || o.replies < REPLIES_IN_BIG_THREAD)
    throw new Error(`Seed at least 2 threads, 1 member and ${REPLIES_IN_BIG_THREAD} replies.`)
  const started = performance.now()
  const pools = buildTextPools(o.seed)
  await client.query('BEGIN')
  try {
    await emptyOrRefuse(client, o.reset)
    await client.query(`SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '512MB'`)
    await client.query('SET LOCAL synchronous_commit = off')
    await client.query('SELECT setseed($1)', [(o.seed % 1000) / 1000])
    await loadPools(client, pools)
    const busiestForum = await planForums(client)
    await insertMembers(client, o.members, pools.first, pools.last)
    const thread200 = Math.max(1, o.threads - 50)
    await planThreads(client, o, thread200)
    await planReplies(client, o, thread200)
    const indexes = await dropIndexes(client)
    // A million rows would announce a million page changes (sql/012-page-changes.sql): one says it all.
    for (const table of TABLES) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
    await insertThreads(client)
    await insertReplies(client, thread200)
    await insertRecs(client, o.members)
    // Posters watch their own threads, as the app has them do.
    await client.query(
      'INSERT INTO watches (member_id, thread_id, created_at) SELECT author_id, id, created_at FROM threads',
    )
    for (const def of indexes) await client.query(def)
    await updateCounters(client)
    await checkLinkKeys(client)
    for (const table of TABLES) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`)
    await client.query(
      `SELECT pg_notify('page_change', json_build_object('schema', current_schema(), 'thread', NULL)::text)`,
    )
    await client.query('COMMIT')
    for (const table of [...TABLES, 'users', 'forums']) await client.query(`VACUUM (ANALYZE) ${table}`)
    return { thread200, busiestForum, seconds: (performance.now() - started) / 1000 }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  }
}

async function emptyOrRefuse(client: pg.ClientBase, reset: boolean) {
  const { rows } = await client.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM (SELECT 1 FROM users LIMIT 1) u) + (SELECT count(*) FROM (SELECT 1 FROM threads LIMIT 1) t) AS n',
  )
  if (Number(rows[0]!.n) === 0) return
  if (!reset) throw new Error('This database already has members or threads; pass --reset to empty it first.')
  await client.query(
    'TRUNCATE users, threads, replies, thread_links, thread_revisions, sessions, recs, watches, notifications RESTART IDENTITY CASCADE',
  )
  await client.query('UPDATE forums SET thread_count = 0, last_activity_at = NULL')
}

async function loadPools(client: pg.ClientBase, p: ReturnType<typeof buildTextPools>) {
  const pool = async (name: string, columns: string, arrays: unknown[], types: string[]) => {
    const unnest = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')
    await client.query(
      `CREATE TEMP TABLE ${name} ON COMMIT DROP AS SELECT * FROM unnest(${unnest}) WITH ORDINALITY AS x (${columns}, n)`,
      arrays,
    )
    // A thread joins a dozen pools: without keys and statistics the planner may scan one per row.
    await client.query(`ALTER TABLE ${name} ADD PRIMARY KEY (n)`)
    await client.query(`ANALYZE ${name}`)
  }
  await pool('seed_paragraphs', 'body', [p.paragraphs], ['text'])
  await pool(
    'seed_titles',
    'title, slug',
    [p.titles.map((t) => t.title), p.titles.map((t) => t.slug)],
    ['text', 'text'],
  )
  await pool(
    'seed_sites',
    'name, host, key_host',
    [p.sites.map((s) => s.name), p.sites.map((s) => s.host), p.sites.map((s) => keyHostOf(s.host))],
    ['text', 'text', 'text'],
  )
  await pool('seed_bylines', 'byline', [p.bylines], ['text'])
  await pool('seed_sections', 'section', [p.sections], ['text'])
  await pool('seed_reply_text', 'body', [p.replies], ['text'])
  await pool('seed_first', 'name', [p.first], ['text'])
  await pool('seed_last', 'name', [p.last], ['text'])
  await pool('seed_towns', 'name', [p.towns], ['text'])
  const short = p.replies.filter((r) => r.length <= 300)
  await pool('seed_comments', 'body', [short], ['text'])
}

async function planForums(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM forums ORDER BY id')
  const others = rows.filter((f) => f.slug !== BUSIEST_FORUM)
  const harmonic = others.reduce((sum, _, k) => sum + 1 / (k + 1), 0)
  const weights = rows.map((f) =>
    f.slug === BUSIEST_FORUM ? BUSIEST_SHARE : (1 - BUSIEST_SHARE) / (others.indexOf(f) + 1) / harmonic,
  )
  let sum = 0
  const hi = weights.map((w) => (sum += w))
  await client.query(
    `CREATE TEMP TABLE seed_forum_weights ON COMMIT DROP AS
     SELECT * FROM unnest($1::int[], $2::float8[]) AS x (forum_id, hi)`,
    [rows.map((f) => f.id), hi.map((h) => h / sum)],
  )
  const busiest = rows.find((f) => f.slug === BUSIEST_FORUM) ?? rows[0]!
  return busiest.slug
}

async function insertMembers(client: pg.ClientBase, members: number, first: string[], last: string[]) {
  // '!' is no password hash at all: seeded members cannot log in, the bench registers its own.
  await client.query(
    `INSERT INTO users (id, username, password_hash, created_at) OVERRIDING SYSTEM VALUE
     SELECT i, lower(($2::text[])[1 + i % cardinality($2::text[])] || '.' || ($3::text[])[1 + (i / cardinality($2::text[])) % cardinality($3::text[])]) || i,
            '!', now() - interval '3 years' * (1 - i::float8 / $1) - interval '1 day'
     FROM generate_series(1, $1) i`,
    [members, first, last],
  )
  await client.query(`SELECT setval(pg_get_serial_sequence('users', 'id'), $1)`, [members])
}

/** A member by a Zipf-like law: log-uniform over rank, offset so the keenest posts about 1% of everything. */
const zipfMember = (m: string) =>
  `greatest(1, least(${m}, floor(exp(ln(10) + random() * (ln(${m} + 10) - ln(10))))::int - 9))`

async function planThreads(client: pg.ClientBase, o: SeedOptions, thread200: number) {
  await client.query(
    `CREATE TEMP TABLE seed_threads ON COMMIT DROP AS
     SELECT i AS id,
            (SELECT forum_id FROM seed_forum_weights w WHERE w.hi >= x.r ORDER BY w.hi LIMIT 1) AS forum_id,
            ${zipfMember('$2')} AS author_id,
            now() - interval '1 hour' - make_interval(days => $3) * (($1 - i)::float8 / $1) AS created_at,
            1 + floor(random() * (SELECT count(*) FROM seed_titles))::int AS title_n,
            1 + floor(random() * (SELECT count(*) FROM seed_sites))::int AS site_n,
            1 + floor(random() * (SELECT count(*) FROM seed_bylines))::int AS byline_n,
            1 + floor(random() * (SELECT count(*) FROM seed_sections))::int AS section_n,
            CASE WHEN random() < 0.3 THEN 1 + floor(random() * (SELECT count(*) FROM seed_comments))::int END AS comment_n,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p1,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p2,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p3,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p4,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p5,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p6,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p7,
            1 + floor(random() * (SELECT count(*) FROM seed_paragraphs))::int AS p8,
            1 + floor(random() * (SELECT count(*) FROM seed_first))::int AS first_n,
            1 + floor(random() * (SELECT count(*) FROM seed_last))::int AS last_n,
            1 + floor(random() * (SELECT count(*) FROM seed_towns))::int AS town_n,
            random() * interval '6 hours' AS published_before
     FROM (SELECT i, random() AS r FROM generate_series(1, $1) i) x`,
    [o.threads, o.members, o.days],
  )
  await client.query(
    `UPDATE seed_threads SET forum_id = (SELECT id FROM forums WHERE slug = $2) WHERE id = $1 AND EXISTS (SELECT 1 FROM forums WHERE slug = $2)`,
    [thread200, BUSIEST_FORUM],
  )
  await client.query('ALTER TABLE seed_threads ADD PRIMARY KEY (id)')
}

/**
 * Replies go to threads by popularity rank (log-uniform from rank 100 on, so
 * the busiest thread has a few thousand at a million threads), mostly soon
 * after the thread; ids follow time, as they do when members post.
 */
async function planReplies(client: pg.ClientBase, o: SeedOptions, thread200: number) {
  await client.query(
    `CREATE TEMP TABLE seed_reply_draft ON COMMIT DROP AS
     SELECT CASE WHEN x.thread_id = $3 THEN $3 % $1 + 1 ELSE x.thread_id END AS thread_id,
            ${zipfMember('$4')} AS author_id, x.u
     FROM (SELECT 1 + ((floor(exp(ln(100) + random() * (ln($1 + 100) - ln(100))))::bigint - 100) * ${SCATTER}) % $1 AS thread_id,
                  random() AS u
           FROM generate_series(1, $2)) x`,
    [o.threads, o.replies - REPLIES_IN_BIG_THREAD, thread200, o.members],
  )
  await client.query(
    `INSERT INTO seed_reply_draft (thread_id, author_id, u)
     SELECT $1, ${zipfMember('$2')}, k / ($3 + 1.0) FROM generate_series(1, $3) k`,
    [thread200, o.members, REPLIES_IN_BIG_THREAD],
  )
  await client.query(
    `CREATE TEMP TABLE seed_replies ON COMMIT DROP AS
     SELECT row_number() OVER (ORDER BY y.created_at, y.thread_id) AS id, y.*
     FROM (SELECT d.thread_id, d.author_id,
                  t.created_at + (now() - t.created_at) * CASE WHEN d.thread_id = $1 THEN d.u ELSE power(d.u, 6) END AS created_at,
                  1 + floor(random() * (SELECT count(*) FROM seed_reply_text))::int AS body_n
           FROM seed_reply_draft d JOIN seed_threads t ON t.id = d.thread_id) y`,
    [thread200],
  )
  await client.query(
    `CREATE TEMP TABLE seed_thread_stats ON COMMIT DROP AS
     SELECT thread_id, count(*)::int AS n, max(created_at) AS last,
            (array_agg(author_id ORDER BY created_at DESC, id DESC))[1] AS last_author
     FROM seed_replies GROUP BY thread_id`,
  )
}

async function dropIndexes(client: pg.ClientBase): Promise<string[]> {
  // Indexes are rebuilt once at the end: far cheaper than updating them row by row.
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [TABLES],
  )
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`)
  return rows.map((r) => r.def)
}

async function insertThreads(client: pg.ClientBase) {
  await client.query(
    `INSERT INTO threads (id, forum_id, author_id, status, submitted_url, final_url, canonical_url, comment, title, byline,
       site_name, lang, image_url, published_time, modified_time, excerpt, reply_count, last_reply_by, created_at,
       last_activity_at, fetched_at, refresh_round, next_refresh_at, text_hash, article_text) OVERRIDING SYSTEM VALUE
     SELECT t.id, t.forum_id, t.author_id, 'ready',
            u.url || CASE WHEN t.id % 5 = 0 THEN '?utm_source=twitter&utm_medium=social' ELSE '' END, u.url, u.url,
            c.body, ti.title, b.byline, s.name, 'en',
            CASE WHEN t.id % 5 < 3 THEN 'https://' || s.host || '/images/' || t.id || '.jpg' END,
            t.created_at - t.published_before,
            CASE WHEN t.id % 5 = 1 THEN t.created_at - t.published_before / 2 END,
            ARRAY[p1.body, p2.body, p3.body, p4.body],
            coalesce(st.n, 0), st.last_author, t.created_at, greatest(t.created_at, st.last), t.created_at + interval '4 seconds',
            3, NULL, ('x' || substr(md5(t.id::text), 1, 16))::bit(64)::bigint,
            -- The article goes on past the excerpt, quoting someone from a town only some articles name.
            concat_ws(E'\n\n', p1.body, p2.body, p3.body, p4.body, p5.body, p6.body,
                      format('%s %s of %s said the question had come up at every meeting since the spring.', fi.name, la.name, tw.name),
                      p7.body, p8.body)
     FROM seed_threads t
     JOIN seed_titles ti ON ti.n = t.title_n
     JOIN seed_sites s ON s.n = t.site_n
     JOIN seed_bylines b ON b.n = t.byline_n
     JOIN seed_sections sec ON sec.n = t.section_n
     JOIN seed_paragraphs p1 ON p1.n = t.p1 JOIN seed_paragraphs p2 ON p2.n = t.p2
     JOIN seed_paragraphs p3 ON p3.n = t.p3 JOIN seed_paragraphs p4 ON p4.n = t.p4
     JOIN seed_paragraphs p5 ON p5.n = t.p5 JOIN seed_paragraphs p6 ON p6.n = t.p6
     JOIN seed_paragraphs p7 ON p7.n = t.p7 JOIN seed_paragraphs p8 ON p8.n = t.p8
     JOIN seed_first fi ON fi.n = t.first_n JOIN seed_last la ON la.n = t.last_n JOIN seed_towns tw ON tw.n = t.town_n
     LEFT JOIN seed_comments c ON c.n = t.comment_n
     LEFT JOIN seed_thread_stats st ON st.thread_id = t.id
     CROSS JOIN LATERAL (SELECT 'https://' || s.host || to_char(t.created_at - t.published_before, '/YYYY/MM/DD/')
                                || sec.section || '/' || ti.slug || '-' || t.id AS url) u
     ORDER BY t.id`,
  )
  await client.query(`SELECT setval(pg_get_serial_sequence('threads', 'id'), (SELECT max(id) FROM threads))`)
  // The triggers that note the languages in use are off while seeding.
  await client.query(
    'INSERT INTO search_configs SELECT DISTINCT search_config(lang) FROM threads WHERE lang IS NOT NULL ON CONFLICT DO NOTHING',
  )
  // The link key of these URLs is the clean URL without scheme and "www.": no seeded site has rules of its own.
  await client.query(
    `INSERT INTO thread_links (thread_id, kind, url, key, rules_version)
     SELECT id, k.kind, CASE k.kind WHEN 'submitted' THEN submitted_url ELSE final_url END,
            regexp_replace(final_url, '^https://www\\.', ''), $1
     FROM threads CROSS JOIN (VALUES ('submitted'), ('final'), ('canonical')) k (kind)
     ORDER BY id`,
    [LINK_RULES_VERSION],
  )
}

/** A fifth of the replies answer the reply before them; the 200-reply thread is then made a tree (nestThread). */
async function insertReplies(client: pg.ClientBase, thread200: number) {
  await client.query(
    `INSERT INTO replies (id, thread_id, parent_id, author_id, body, created_at, lang) OVERRIDING SYSTEM VALUE
     SELECT r.id, r.thread_id, CASE WHEN r.id % 5 = 0 THEN lag(r.id) OVER w END, r.author_id, b.body, r.created_at, 'en'
     FROM seed_replies r JOIN seed_reply_text b ON b.n = r.body_n
     WINDOW w AS (PARTITION BY r.thread_id ORDER BY r.id)
     ORDER BY r.id`,
  )
  await nestThread(client, thread200)
  await client.query(
    `SELECT setval(pg_get_serial_sequence('replies', 'id'), coalesce((SELECT max(id) FROM replies), 0) + 1, false)`,
  )
}

/**
 * Recs on the threads of the last three days, so Greatest Threads has something to rank: most get
 * none, a few get dozens (the cube of a uniform draw), from members other than the poster.
 */
async function insertRecs(client: pg.ClientBase, members: number) {
  await client.query(
    `INSERT INTO recs (thread_id, member_id, created_at)
     SELECT t.id, m.member_id, t.created_at + (now() - t.created_at) * random()
     FROM threads t
     CROSS JOIN LATERAL (SELECT DISTINCT 1 + floor(random() * $1)::bigint + 0 * t.id AS member_id
                         FROM generate_series(1, floor(power(random(), 3) * 40)::int + 0 * t.id::int)) m
     WHERE t.created_at > now() - interval '3 days' AND m.member_id <> t.author_id
     ON CONFLICT DO NOTHING`,
    [members],
  )
  await client.query(
    `UPDATE threads t SET rec_count = s.n
     FROM (SELECT thread_id, count(*)::int AS n FROM recs GROUP BY thread_id) s WHERE s.thread_id = t.id`,
  )
}

async function updateCounters(client: pg.ClientBase) {
  await client.query(
    `UPDATE forums f SET thread_count = s.n, last_activity_at = s.last
     FROM (SELECT forum_id, count(*)::int AS n, max(last_activity_at) AS last FROM threads GROUP BY forum_id) s
     WHERE s.forum_id = f.id`,
  )
  await client.query(
    `UPDATE users u SET post_count = s.n
     FROM (SELECT author_id, count(*)::int AS n FROM (SELECT author_id FROM threads UNION ALL SELECT author_id FROM replies) a
           GROUP BY author_id) s
     WHERE s.author_id = u.id`,
  )
}

/** The keys were made in SQL: the app's own link rules must agree on a sample, or the seed is refused. */
async function checkLinkKeys(client: pg.ClientBase) {
  const { rows } = await client.query<{ url: string; key: string }>(
    `SELECT url, key FROM thread_links WHERE thread_id IN (SELECT (1 + random() * (SELECT max(id) - 1 FROM threads))::bigint FROM generate_series(1, 200))`,
  )
  for (const r of rows) {
    if (linkKey(r.url) !== r.key)
      throw new Error(`Seeded link key "${r.key}" differs from the app's "${linkKey(r.url)}".`)
  }
}
