import t from 'tap'
import { threadPath } from '../../src/views/thread-path.js'
import { JSDOM } from 'jsdom'
import { logModeration } from '../../src/db/moderation.js'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'
import { contentLinks, contentText, digestedThread, entryHtml, readFeed } from '../helpers/feeds.js'

const PUBLIC_URL = 'https://forum.example'
const env = { PUBLIC_URL }

t.test(
  'Latest Discussions in RSS and Atom: each entry carries headline, site, lede, more... and the thread',
  async (t) => {
    const built = await buildTestApp(t, { env })
    const { app } = built
    const poster = await registerMember(app)
    const older = await digestedThread(built, poster.auth, { slug: 'older', hoursAgo: 2, site: 'Older Times' })
    const newer = await digestedThread(built, poster.auth, { slug: 'newer', hoursAgo: 1 })
    // Still fetching: no entry yet (a reader would keep "Fetching…" as its title for good).
    await postLink(app, poster.auth, { url: 'https://news.example/waiting', forum: 'economy' })

    for (const [format, type] of [
      ['rss', 'application/rss+xml'],
      ['atom', 'application/atom+xml'],
    ] as const) {
      const res = await app.inject({ url: `/feed.${format}` })
      t.equal(res.statusCode, 200)
      t.match(res.headers['content-type'], type)
      const feed = readFeed(res.body)
      t.equal(feed.meta.type, format)
      t.equal(feed.title, 'Broadsheet: Latest Discussions')
      t.ok(feed.description, 'the feed says what it is')
      t.equal(feed.url, `${PUBLIC_URL}/`)
      t.equal(feed.self, `${PUBLIC_URL}/feed.${format}`)
      t.ok(feed.updated instanceof Date && !Number.isNaN(feed.updated.getTime()), 'the feed has a valid date')
      t.same(
        feed.items.map((i) => i.title),
        [newer.title, older.title],
        'ready threads only, newest first',
      )
      const [item] = feed.items
      t.equal(item!.id, `${PUBLIC_URL}/threads/${newer.id}`, 'a permanent id (guid) for each entry')
      t.equal(item!.url, `${PUBLIC_URL}/threads/${newer.id}`, 'the entry links to the discussion, absolute')
      t.ok(
        item!.published && Math.abs(item!.published.getTime() - (Date.now() - 3600_000)) < 60_000,
        'its posting time',
      )
      t.equal(item!.authors[0]?.name, poster.user.username)
      t.same(
        item!.categories.map((c) => c.label ?? c.term),
        ['Economy'],
      )
      const links = contentLinks(entryHtml(item!))
      t.equal(links.get('more...'), newer.sourceUrl, 'the more... link leads to the source')
      t.equal(links.get('Discuss it on Broadsheet'), `${PUBLIC_URL}/threads/${newer.id}`)
      const text = contentText(entryHtml(item!))
      t.match(text, 'The Example News', 'the source site')
      t.match(text, 'First sentence of newer. Second sentence.', "the lede: the excerpt's first paragraph")
      t.notMatch(text, 'Another paragraph of newer.', 'the rest of the excerpt is on the thread page')
      t.match(text, 'By A. Writer', 'the byline')
      t.notOk(/[^\x00-\x7f]/.test(res.body), "the feed's own markup is ASCII (the digest here is too)")
      t.equal(
        res.body.split('Discuss it on Broadsheet').length - 1,
        feed.items.length,
        'each entry is written once: no summary or second copy of it',
      )
      for (const href of links.values()) t.ok(href.startsWith('http'), `absolute link ${href}`)
      t.match(contentText(entryHtml(feed.items[1]!)), 'Older Times')
    }
  },
)

t.test('feeds answer If-None-Match and If-Modified-Since with 304, and change with what they show', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app } = built
  const poster = await registerMember(app)
  await digestedThread(built, poster.auth, { slug: 'first' })

  const first = await app.inject({ url: '/feed.atom' })
  const etag = first.headers.etag as string
  const lastModified = first.headers['last-modified'] as string
  t.ok(etag, 'an ETag')
  t.ok(lastModified && !Number.isNaN(Date.parse(lastModified)), 'a Last-Modified date')
  t.equal((await app.inject({ url: '/feed.atom', headers: { 'if-none-match': etag } })).statusCode, 304)
  t.equal((await app.inject({ url: '/feed.atom', headers: { 'if-modified-since': lastModified } })).statusCode, 304)
  const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString()
  t.equal((await app.inject({ url: '/feed.atom', headers: { 'if-modified-since': earlier } })).statusCode, 200)
  const gz = await app.inject({ url: '/feed.atom', headers: { 'accept-encoding': 'gzip' } })
  t.equal(gz.headers['content-encoding'], 'gzip')

  // A new digest reaches every process's cache through the page_change notice: the feed is new.
  await new Promise((resolve) => setTimeout(resolve, 1100))
  const second = await digestedThread(built, poster.auth, { slug: 'second' })
  const after = await app.inject({ url: '/feed.atom', headers: { 'if-none-match': etag } })
  t.equal(after.statusCode, 200)
  t.equal(readFeed(after.body).items[0]?.title, second.title)
  t.equal(
    (await app.inject({ url: '/feed.atom', headers: { 'if-modified-since': lastModified } })).statusCode,
    200,
    'Last-Modified moved on with the new entry',
  )
})

t.test('a forum, Greatest Threads, a member and a thread each have their feed', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app } = built
  const poster = await registerMember(app)
  const reader = await registerMember(app)
  const economy = await digestedThread(built, poster.auth, { slug: 'economy-story', forum: 'economy' })
  const other = await digestedThread(built, poster.auth, { slug: 'other-story', forum: 'editorials' })
  await app.inject({ method: 'PUT', url: `/api/threads/${other.id}/rec`, headers: reader.auth })
  const replied = await app.inject({
    method: 'POST',
    url: `/api/threads/${economy.id}/replies`,
    headers: reader.auth,
    payload: { body: 'A *fine* point, see https://elsewhere.example/x' },
  })
  const replyId = replied.json().reply.id as number

  for (const format of ['rss', 'atom']) {
    const forum = readFeed((await app.inject({ url: `/forums/economy/feed.${format}` })).body)
    t.same(
      forum.items.map((i) => i.title),
      [economy.title],
      `${format}: the forum's feed holds its own threads`,
    )
    t.equal(forum.url, `${PUBLIC_URL}/forums/economy`)

    const greatest = readFeed((await app.inject({ url: `/greatest/feed.${format}` })).body)
    t.same(
      greatest.items.map((i) => i.title),
      [other.title],
      'Greatest Threads: the recommended one',
    )
    const forumGreatest = readFeed((await app.inject({ url: `/forums/editorials/greatest/feed.${format}` })).body)
    t.equal(forumGreatest.items.length, 1)

    const member = readFeed((await app.inject({ url: `/members/${reader.user.username}/feed.${format}` })).body)
    t.equal(member.items.length, 1, 'the reader wrote one reply')
    const reply = member.items[0]!
    t.equal(reply.url, `${PUBLIC_URL}/replies/${replyId}`)
    t.equal(reply.title, `${reader.user.username} on “${economy.title}”`)
    t.equal(contentLinks(entryHtml(reply)).get(economy.title), `${PUBLIC_URL}/threads/${economy.id}`)
    t.match(contentText(entryHtml(reply)), 'The Example News', 'the source site of the thread it answers')
    t.equal(new JSDOM(entryHtml(reply) ?? '').window.document.querySelector('em')?.textContent, 'fine')
    const posterFeed = readFeed((await app.inject({ url: `/members/${poster.user.username}/feed.${format}` })).body)
    t.same(new Set(posterFeed.items.map((i) => i.title)), new Set([economy.title, other.title]))

    const thread = readFeed((await app.inject({ url: `/threads/${economy.id}/feed.${format}` })).body)
    t.same(
      thread.items.map((i) => i.url),
      [`${PUBLIC_URL}/replies/${replyId}`, `${PUBLIC_URL}/threads/${economy.id}`],
      "a thread's feed: its replies, newest first, then the digest",
    )
    t.equal(contentLinks(entryHtml(thread.items[1]!)).get('more...'), economy.sourceUrl)
  }

  // A deleted reply leaves the feeds.
  await app.inject({ method: 'DELETE', url: `/api/replies/${replyId}`, headers: reader.auth })
  t.equal(readFeed((await app.inject({ url: `/threads/${economy.id}/feed.rss` })).body).items.length, 1)
  t.equal((await app.inject({ url: '/forums/no-such-forum/feed.rss' })).statusCode, 404)
  t.equal((await app.inject({ url: '/members/nobody_here_at_all/feed.atom' })).statusCode, 404)
  t.equal((await app.inject({ url: '/threads/999999999/feed.atom' })).statusCode, 404)
})

t.test('the moderation log has a feed, site-wide and per forum, and it follows new entries', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app, pool } = built
  const poster = await registerMember(app)
  const moderator = await registerMember(app)
  const thread = await digestedThread(built, poster.auth, { slug: 'moderated', forum: 'economy' })
  const before = await app.inject({ url: '/moderation/log/feed.atom' })
  t.equal(readFeed(before.body).items.length, 0)

  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM forums WHERE slug = 'economy'`)
  await logModeration(pool, {
    actorId: moderator.user.id,
    action: 'lock_thread',
    forumId: rows[0]!.id,
    threadId: thread.id,
    reason: 'Off topic for the forum',
  })
  for (const format of ['rss', 'atom']) {
    const feed = readFeed((await app.inject({ url: `/moderation/log/feed.${format}` })).body)
    t.equal(feed.items.length, 1, `${format}: the new entry shows at once (the log announces its changes)`)
    const item = feed.items[0]!
    t.equal(item.title, `${moderator.user.username}: lock thread — “${thread.title}”`)
    t.equal(item.url, `${PUBLIC_URL}/threads/${thread.id}`)
    t.match(item.id, `${PUBLIC_URL}/moderation/log#entry-`)
    t.match(contentText(entryHtml(item)), 'Reason: Off topic for the forum')
    t.equal(readFeed((await app.inject({ url: `/moderation/log/feed.${format}?forum=economy` })).body).items.length, 1)
    t.equal(
      readFeed((await app.inject({ url: `/moderation/log/feed.${format}?forum=editorials` })).body).items.length,
      0,
    )
  }
  t.equal((await app.inject({ url: '/moderation/log/feed.rss?forum=no-such-forum' })).statusCode, 404)

  // A hidden thread leaves the lists' feeds, and the log no longer names it.
  await pool.query(`UPDATE threads SET hidden_at = now(), hidden_by = 'moderator' WHERE id = $1`, [thread.id])
  t.equal(readFeed((await app.inject({ url: '/feed.atom' })).body).items.length, 0)
  t.equal(readFeed((await app.inject({ url: `/members/${poster.user.username}/feed.rss` })).body).items.length, 0)
  const threadFeed = readFeed((await app.inject({ url: `/threads/${thread.id}/feed.atom` })).body)
  t.same([threadFeed.title, threadFeed.items.length], ['Broadsheet: Replies to “a hidden thread”', 0])
  t.equal(
    readFeed((await app.inject({ url: '/moderation/log/feed.atom' })).body).items[0]?.title,
    `${moderator.user.username}: lock thread — a hidden thread`,
  )
})

t.test('pages name their feeds in <link rel="alternate">, and each one answers', async (t) => {
  const built = await buildTestApp(t, { env })
  const { app } = built
  const poster = await registerMember(app)
  const thread = await digestedThread(built, poster.auth, { slug: 'linked' })
  const pages = new Map([
    ['/', '/feed'],
    ['/forums/economy', '/forums/economy/feed'],
    ['/greatest', '/greatest/feed'],
    ['/forums/economy/greatest', '/forums/economy/greatest/feed'],
    [`/members/${poster.user.username}`, `/members/${poster.user.username}/feed`],
    [threadPath(thread.id, thread.title), `/threads/${thread.id}/feed`],
  ])
  for (const [page, feed] of pages) {
    const { document } = new JSDOM((await app.inject({ url: page })).body).window
    const alternates = [...document.querySelectorAll('link[rel="alternate"]')]
      .filter((l) => l.getAttribute('type') !== 'application/json+oembed')
      .map((l) => [l.getAttribute('type'), l.getAttribute('href')])
    t.same(
      alternates,
      [
        ['application/rss+xml', `${feed}.rss`],
        ['application/atom+xml', `${feed}.atom`],
      ],
      `${page} names its feeds`,
    )
    for (const [, href] of alternates) {
      const res = await app.inject({ url: href! })
      t.equal(res.statusCode, 200, `${href} answers`)
      t.ok(readFeed(res.body).title, `${href} is a feed`)
    }
  }
  const forms = new JSDOM((await app.inject({ url: '/login' })).body).window.document
  t.equal(
    forms.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.getAttribute('href'),
    '/feed.atom',
    'other pages name the site feed',
  )
})
