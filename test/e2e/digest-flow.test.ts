import t from 'tap'
import { buildTestApp, queueKinds } from '../helpers/build-app.js'
import { browserSession, formPost, postLink, registerMember, threadPage, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { EDITORIAL } from '../fixtures/expected.js'
import { asSent } from '../helpers/as-sent.js'

for (const queue of ['postgres', 'redis'] as const) {
  t.test(
    `post → real worker → digest → reply, on the ${queue} queue`,
    { skip: !queueKinds().includes(queue) && 'REDIS_URL is not set' },
    async (t) => {
      const fixtures = await startFixtureServer(t)
      const { app, pool, startWorker } = await buildTestApp(t, { queue })
      await startWorker()
      const poster = await registerMember(app)
      const url = fixtures.url('/editorial.html')

      const posted = await postLink(app, poster.auth, { url, forum: 'editorials', comment: 'Worth a read.' })
      t.equal(posted.statusCode, 202)
      const { thread: created } = posted.json()
      t.match(created, {
        status: /^(pending|fetching)$/,
        forum: 'editorials',
        sourceUrl: url,
        author: { username: poster.user.username, postCount: 1 },
        replyCount: 0,
      })

      const thread = await waitForDigest(app, created.id)
      t.match(thread, {
        id: created.id,
        status: 'ready',
        title: EDITORIAL.title,
        byline: EDITORIAL.byline,
        siteName: EDITORIAL.siteName,
        publishedTime: EDITORIAL.publishedTime,
        modifiedTime: EDITORIAL.modifiedTime,
        standfirst: EDITORIAL.standfirst,
        sourceUrl: fixtures.url(EDITORIAL.canonicalPath),
        comment: 'Worth a read.',
      })
      t.same(thread.excerpt, EDITORIAL.excerpt, 'the first four real paragraphs')
      t.notOk('error' in thread, 'no error on a ready thread')
      t.equal(fixtures.hits('/editorial.html'), 1, 'one fetch of the source')

      const html = await threadPage(app, created.id)
      t.equal(html.statusCode, 200)
      t.notMatch(html.body, 'http-equiv="refresh"', 'a ready thread stops refreshing')
      // The editorial's curly quotes and apostrophes go as character references: the page is all ASCII.
      t.match(html.body, /^[\x00-\x7f]*$/, 'the page is sent as ASCII')
      for (const para of EDITORIAL.excerpt) t.match(html.body, `<p dir="auto">${escape(para)}</p>`)
      t.match(html.body, `<a href="${escape(thread.sourceUrl as string)}" rel="nofollow noopener">more...</a>`)
      t.match(html.body, `<p class="source-url">${escape(thread.sourceUrl as string)}</p>`)
      t.match(
        html.body,
        /Latest Discussions<\/a> &#187; <a href="\/forums#issue-forums">Issue Forums<\/a> &#187; <a href="\/forums\/editorials">Editorials &amp; Other Articles<\/a> &#187; <bdi>[^<]{5,40}&#8230;<\/bdi>/,
      )
      t.match(html.body, `By <bdi>${escape(EDITORIAL.byline)}</bdi>`)
      t.match(
        html.body,
        `<p class="standfirst" dir="auto">${escape(EDITORIAL.standfirst)}</p>`,
        'the standfirst as subtitle',
      )
      const dateline = /<p class="dateline">(.*?)<\/p>/
        .exec(html.body)?.[1]
        ?.replace(/<[^>]+>/g, '')
        .replaceAll('&#8212;', '—')
      t.equal(dateline, EDITORIAL.datelineUtc)
      t.match(html.body, `${poster.user.username}</a> <span class="muted">(1 post)</span>`)
      t.match(html.body, '<p class="notice">This article is from April 2016.</p>', 'an old article is labelled')
      t.match(
        html.body,
        `<a href="https://web.archive.org/web/${escape(thread.sourceUrl as string)}" rel="nofollow noopener">Wayback Machine</a>`,
      )
      t.match(
        html.body,
        `<a href="https://archive.ph/newest/${escape(thread.sourceUrl as string)}" rel="nofollow noopener">archive.today</a>`,
      )

      const replier = await registerMember(app)
      const reply = await app.inject({
        method: 'POST',
        url: `/api/threads/${created.id}/replies`,
        headers: replier.auth,
        payload: { body: 'I disagree.\n\nHere is why: <b>bold</b> https://example.org/x' },
      })
      t.equal(reply.statusCode, 201)
      t.match(reply.json().reply, {
        threadId: created.id,
        parentId: null,
        author: { username: replier.user.username, postCount: 1 },
      })

      const cookie = await browserSession(app, poster.user.username, poster.password)
      const formReply = await app.inject({
        url: `/threads/${created.id}/replies`,
        ...formPost({ body: 'Thanks for reading.' }, { cookie }),
      })
      t.equal(formReply.statusCode, 303)
      t.match(formReply.headers.location, new RegExp(`^/threads/${created.id}-[a-z0-9-]+#reply-\\d+$`))

      const after = await threadPage(app, created.id)
      t.match(after.body, '<p>I disagree.</p>')
      t.match(
        after.body,
        'Here is why: &lt;b&gt;bold&lt;/b&gt; <a href="https://example.org/x" rel="nofollow ugc noopener">',
      )
      t.match(after.body, 'Thanks for reading.')
      t.match(
        after.body,
        `${poster.user.username}</a> <span class="muted">(2 posts)</span>`,
        'the poster now has two posts',
      )
      t.match(after.body, '2 replies')

      const api = (await app.inject({ method: 'GET', url: `/api/threads/${created.id}` })).json().thread
      t.equal(api.replyCount, 2)
      t.equal(api.author.postCount, 2)
      const replies = (await app.inject({ method: 'GET', url: `/api/threads/${created.id}/replies` })).json().replies
      t.same(
        replies.map((r: { body: string }) => r.body),
        ['I disagree.\n\nHere is why: <b>bold</b> https://example.org/x', 'Thanks for reading.'],
      )

      const latest = await app.inject({ method: 'GET', url: '/' })
      t.match(latest.body, escape(EDITORIAL.title))
      t.match(latest.body, '2 replies')
      const forum = await app.inject({ method: 'GET', url: '/forums/editorials' })
      t.match(forum.body, escape(EDITORIAL.title))

      const { rows } = await pool.query('SELECT status, final_url FROM threads WHERE id = $1', [created.id])
      t.same(rows[0], { status: 'ready', final_url: url })
    },
  )
}

const escape = (s: string) =>
  asSent(
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
  )
