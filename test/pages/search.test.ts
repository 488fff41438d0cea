import t from 'tap'
import type { FastifyInstance } from 'fastify'
import type { ServerResponse } from 'node:http'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, postLink, registerMember, uniqueName, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { hidePost } from '../../src/db/moderation.js'
import { siteOf } from '../../src/links/site.js'

/** An article page of eight paragraphs: the digest quotes the first four, search keeps them all. */
function articlePage(title: string, paragraphs: string[], lang = 'en', length = 8) {
  const filler = (i: number) =>
    `Paragraph ${i} goes on about the council, the budget and the river, with enough words to read as prose rather than furniture on the page.`
  const body = Array.from({ length }, (_, i) => paragraphs[i] ?? filler(i))
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>
    <meta property="og:title" content="${title}"><meta property="og:site_name" content="The Test Ledger"></head>
    <body><article><h1>${title}</h1>${body.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`
}

const serve = (html: string) => (_req: unknown, res: ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)

const DEEP =
  'Engineers quietly recalibrated the sluice gates near Marrowfield after the inspection found corroded hinges.'
const INJECTION =
  'The mayor wrote &lt;img src=x onerror=alert(1)&gt; in the memo about corroded culverts, said the clerk.'
const LONG_DEEP = 'Far down the report, a zebracorn was seen grazing beside the lower reservoir at dawn.'
const LONG_STEM = 'The council kept quarrying near the ridge, which the report called unwise.'
const FRENCH_TITLE = 'Les inondations menacent les vignobles du Rhône'

async function search(app: FastifyInstance, query: Record<string, string>) {
  const res = await app.inject({ method: 'GET', url: `/api/search?${new URLSearchParams(query)}` })
  return { status: res.statusCode, body: res.json() }
}

t.test('search finds threads by any sentence of the article, replies by their words, with filters', async (t) => {
  const fixtures = await startFixtureServer(t, {
    '/deep.html': serve(
      articlePage('Riverside weighs a new flood levy', [
        'Riverside’s council debated on Tuesday whether homeowners should pay a levy for flood defences.',
        'The levy would raise money over ten years, the treasurer said, and would be reviewed annually.',
        'Opponents argued that renters would end up paying through higher rents in the flooded districts.',
        'A vote is expected next month after a round of public meetings in each ward of the city.',
        'Residents at the first meeting mostly asked about the timetable and what the money would buy.',
        'Officials said the plan builds on work already done along the northern embankment last year.',
        DEEP,
        INJECTION,
      ]),
    ),
    '/other.html': serve(
      articlePage('Harbour ferry timetable changes in spring', [
        'The harbour ferry will run every twenty minutes from April, the operator announced on Monday morning.',
      ]),
    ),
    '/long.html': serve(
      articlePage(
        'A long report from the ridge',
        Object.assign(Array<string>(60), { 40: LONG_DEEP, 55: LONG_STEM }),
        'en',
        60,
      ),
    ),
    '/french.html': serve(
      articlePage(
        FRENCH_TITLE,
        [
          'Les viticulteurs de la vallée du Rhône craignent les inondations qui menacent leurs vignobles cette année.',
          'La préfecture a publié un bulletin d’alerte pour les communes situées au bord du fleuve ce matin.',
        ],
        'fr',
      ),
    ),
  })
  const elsewhere = await startFixtureServer(
    t,
    { '/elsewhere.html': serve(articlePage('Sluice gates elsewhere', [DEEP.replace('Marrowfield', 'Elsewhere')])) },
    '127.0.0.2',
  )
  const { app, pool, startWorker } = await buildTestApp(t, {
    env: { FETCH_ALLOW_HOSTS: '127.0.0.0/8', FETCH_HOST_GAP_MS: '0' },
  })
  await startWorker()
  const alice = await registerMember(app, uniqueName('alice'))
  const bob = await registerMember(app, uniqueName('bob'))

  const post = async (auth: Record<string, string>, url: string, forum: string, comment?: string) => {
    const res = await postLink(app, auth, { url, forum, ...(comment ? { comment } : {}) })
    t.equal(res.statusCode, 202, url)
    const thread = await waitForDigest(app, res.json().thread.id as number)
    return thread as typeof thread & { id: number; excerpt: string[] }
  }
  const deep = await post(alice.auth, fixtures.url('/deep.html'), 'editorials')
  const other = await post(bob.auth, fixtures.url('/other.html'), 'economy')
  const french = await post(bob.auth, fixtures.url('/french.html'), 'economy', 'Vu par un xylophoniste.')
  const far = await post(bob.auth, elsewhere.url('/elsewhere.html'), 'editorials')
  const long = await post(alice.auth, fixtures.url('/long.html'), 'economy')
  for (const thread of [deep, other, french, far, long]) t.equal(thread.status, 'ready')
  t.notMatch(JSON.stringify(deep.excerpt), 'Marrowfield', 'the deep sentence is not in the excerpt')

  const reply = await app.inject({
    method: 'POST',
    url: `/api/threads/${other.id}/replies`,
    headers: bob.auth,
    payload: { body: 'I rode the zeppelin-shaped ferry yesterday and it was punctual.' },
  })
  t.equal(reply.statusCode, 201)
  const replyId = reply.json().reply.id as number

  const ids = (body: { results: { kind: string; id: number }[] }) => body.results.map((r) => `${r.kind}:${r.id}`)

  t.test('a sentence deep in the article, not in the excerpt', async (t) => {
    const { status, body } = await search(app, { q: 'sluice gates Marrowfield' })
    t.equal(status, 200)
    t.same(ids(body), [`thread:${deep.id}`])
    t.match(body.results[0], {
      kind: 'thread',
      threadId: deep.id,
      url: `/threads/${deep.id}-riverside-weighs-a-new-flood-levy`,
      heading: 'Riverside weighs a new flood levy',
      site: '127.0.0.1',
      forum: { slug: 'editorials' },
      author: alice.user.username,
      replyCount: 0,
    })
    t.match(body.results[0].snippetHtml, '<mark>Marrowfield</mark>')
    t.notMatch(body.results[0].snippet, /<mark>|\uE000/, 'the plain snippet has no marks')
    t.same(body, { results: body.results, page: 1, nextPage: null }, 'the API shape')
  })

  t.test('the headline, a quoted phrase, and stemming in the thread’s language', async (t) => {
    t.same(ids((await search(app, { q: 'harbour ferry timetable' })).body).includes(`thread:${other.id}`), true)
    t.same(ids((await search(app, { q: '"new flood levy"' })).body), [`thread:${deep.id}`])
    // Left out in every form: the deep article says "Officials", stemmed "offici" in English.
    t.same(ids((await search(app, { q: 'Marrowfield' })).body), [`thread:${deep.id}`])
    t.same(ids((await search(app, { q: 'Marrowfield -officials' })).body), [])
    t.same(ids((await search(app, { q: 'sluice -"flood levy"' })).body), [`thread:${far.id}`])
    // "recalibrating" is stemmed like "recalibrated" in English.
    t.same(ids((await search(app, { q: 'recalibrating hinge Marrowfield' })).body), [`thread:${deep.id}`])
    // French stemming: "inondation" and "vignoble" find "inondations" and "vignobles".
    t.same(ids((await search(app, { q: 'inondation vignoble' })).body), [`thread:${french.id}`])
    // The poster's own words go with the thread.
    const byComment = await search(app, { q: 'xylophoniste' })
    t.same(ids(byComment.body), [`thread:${french.id}`])
    t.match(byComment.body.results[0].snippetHtml, '<mark>xylophoniste</mark>')
  })

  t.test('a reply by its words; threads or replies only', async (t) => {
    t.same(ids((await search(app, { q: 'zeppelin punctual' })).body), [`reply:${replyId}`])
    const onlyThreads = await search(app, { q: 'ferry', type: 'threads' })
    t.same(ids(onlyThreads.body), [`thread:${other.id}`])
    const onlyReplies = await search(app, { q: 'ferry', type: 'replies' })
    t.same(ids(onlyReplies.body), [`reply:${replyId}`])
    t.match(onlyReplies.body.results[0], { url: `/replies/${replyId}`, threadId: other.id, author: bob.user.username })
    t.equal((await search(app, { q: 'ferry' })).body.results.length, 2, 'both by default')
  })

  t.test('site:, by:, forum and dates', async (t) => {
    const both = ids((await search(app, { q: 'sluice gates' })).body)
    t.same(both.sort(), [`thread:${deep.id}`, `thread:${far.id}`].sort())
    t.same(ids((await search(app, { q: 'sluice gates site:127.0.0.2' })).body), [`thread:${far.id}`])
    t.same(ids((await search(app, { q: `sluice by:${alice.user.username}` })).body), [`thread:${deep.id}`])
    t.same(ids((await search(app, { q: 'sluice forum:editorials' })).body).length, 2)
    t.same(ids((await search(app, { q: 'ferry', forum: 'editorials' })).body), [])
    t.same(ids((await search(app, { q: 'ferry', forum: 'economy', type: 'threads' })).body), [`thread:${other.id}`])
    const today = new Date().toISOString().slice(0, 10)
    t.equal((await search(app, { q: 'ferry', from: today, to: today })).body.results.length, 2, 'posted today')
    t.same((await search(app, { q: 'ferry', to: '2020-01-01' })).body.results, [], 'nothing before 2020')
  })

  t.test('hidden threads, hidden and deleted replies are not found', async (t) => {
    await hidePost(pool, { kind: 'thread', id: far.id }, 'moderator')
    t.same(ids((await search(app, { q: 'sluice gates' })).body), [`thread:${deep.id}`])
    const second = await app.inject({
      method: 'POST',
      url: `/api/threads/${deep.id}/replies`,
      headers: bob.auth,
      payload: { body: 'Quixotic plans rarely survive a budget.' },
    })
    const secondId = second.json().reply.id as number
    t.same(ids((await search(app, { q: 'quixotic' })).body), [`reply:${secondId}`])
    await hidePost(pool, { kind: 'reply', id: secondId }, 'jury')
    t.same((await search(app, { q: 'quixotic' })).body.results, [], 'a hidden reply')
    const del = await app.inject({ method: 'DELETE', url: `/api/replies/${replyId}`, headers: bob.auth })
    t.equal(del.statusCode, 200)
    t.same((await search(app, { q: 'zeppelin' })).body.results, [], 'a deleted reply')
  })

  t.test('snippets escape the content; only the marks are HTML', async (t) => {
    const { body } = await search(app, { q: 'culverts memo' })
    t.equal(body.results.length, 1)
    t.match(body.results[0].snippetHtml, '&lt;img src=x onerror=alert(1)&gt;')
    t.notMatch(body.results[0].snippetHtml, '<img')
    const page = await app.inject({ method: 'GET', url: '/search?q=culverts+memo' })
    t.equal(page.statusCode, 200)
    t.match(page.body, '&lt;img src=x onerror=alert(1)&gt;')
    t.notMatch(page.body, '<img src=x')
    t.match(page.body, /<p class="snippet" dir="auto">[^<]*(?:&[a-z]+;[^<]*)*<mark>/)
  })

  t.test('a long article’s snippet is the part around the words found', async (t) => {
    const found = await search(app, { q: 'zebracorn' })
    t.same(ids(found.body), [`thread:${long.id}`])
    const snippet = found.body.results[0].snippet as string
    t.match(found.body.results[0].snippetHtml, '<mark>zebracorn</mark>')
    t.match(snippet, 'grazing beside the lower reservoir')
    t.notMatch(snippet, 'Paragraph 39 goes on', 'nothing of the paragraphs far before')
    t.ok(snippet.length < 400, `a snippet, not the article (${snippet.length} characters)`)
    // "quarries" is stemmed "quarri", which does not begin "quarrying" (also "quarri"): still found and marked.
    const stem = await search(app, { q: 'quarries' })
    t.same(ids(stem.body), [`thread:${long.id}`])
    t.match(stem.body.results[0].snippetHtml, '<mark>quarrying</mark>')
    // Two words far apart: the snippet is the part around the later one, and marks it.
    const apart = await search(app, { q: 'zebracorn quarrying' })
    t.same(ids(apart.body), [`thread:${long.id}`])
    t.match(apart.body.results[0].snippetHtml, '<mark>quarrying</mark>', 'a word of the two is marked')
    // A word on every paragraph: two fragments, joined by what the site adds between them, ASCII as the page is.
    const council = (await search(app, { q: 'council' })).body.results as {
      kind: string
      id: number
      snippet: string
    }[]
    const joined = council.find((r) => r.kind === 'thread' && r.id === long.id)?.snippet ?? ''
    t.match(joined, /council.* \.\.\. .*council/s, 'fragments are joined by three full stops')
    t.notOk(/[^\x00-\x7f]/.test(joined), 'the snippet of an ASCII article is ASCII')
  })

  t.test('bad searches are refused in words', async (t) => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ q: '   ' }, 'empty_query', /Type a word/],
      [{ q: 'x'.repeat(201) }, 'query_too_long', /at most 200 characters/],
      [{ q: 'site:nytimes.com' }, 'empty_query', /besides site:/],
      [{ q: 'on me' }, 'common_words', /too common/],
      [{ q: 'ferry by:nobody_here_at_all' }, 'unknown_member', /no member called/],
      [{ q: 'ferry', forum: 'no-such-forum' }, 'unknown_forum', /no forum called/],
      [{ q: 'ferry site:not_a_site' }, 'bad_site', /not a site/],
      [{ q: 'ferry', from: '2024-13-01' }, 'bad_date', /YYYY-MM-DD/],
      [{ q: 'ferry', from: '2024-02-01', to: '2024-01-01' }, 'bad_date', /comes after/],
      [{ q: 'ferry', page: '99' }, 'page_too_deep', /narrow the search/],
    ]
    for (const [query, error, message] of cases) {
      const { status, body } = await search(app, query)
      t.equal(status, 400, JSON.stringify(query))
      t.equal(body.error, error)
      t.match(body.message, message)
    }
    const unknownField = await search(app, { q: 'ferry', sort: 'new' })
    t.equal(unknownField.status, 400, 'unknown fields are refused')
    const form = await app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('on me')}&type=threads` })
    t.equal(form.statusCode, 400)
    t.match(form.body, /<p class="error" role="alert">.*too common/)
    t.match(form.body, 'value="on me"', 'the form keeps what was typed')
    t.match(form.body, '<option value="threads" selected>')
  })

  t.test('the results page pages with rel=next and is kept for anonymous readers', async (t) => {
    const empty = await app.inject({ method: 'GET', url: '/search' })
    t.equal(empty.statusCode, 200)
    t.match(empty.body, 'name="q"')
    // Enough replies for two pages.
    for (let i = 0; i < 22; i++) {
      await app.inject({
        method: 'POST',
        url: `/api/threads/${deep.id}/replies`,
        headers: alice.auth,
        payload: { body: `Aardvark sighting number ${i} near the levy.` },
      })
    }
    const first = await app.inject({ method: 'GET', url: '/search?q=aardvark' })
    t.equal(first.statusCode, 200)
    t.equal((first.body.match(/<li data-reply=/g) ?? []).length, 20)
    t.match(first.body, '<a rel="next" href="/search?q=aardvark&amp;page=2">')
    t.match(first.body, 'value="aardvark"', 'the header box shows the search')
    t.match(first.headers['cache-control'], 'public')
    const again = await app.inject({
      method: 'GET',
      url: '/search?q=aardvark',
      headers: { 'if-none-match': String(first.headers.etag) },
    })
    t.equal(again.statusCode, 304, 'the same search is served from the page cache')
    const second = await app.inject({ method: 'GET', url: '/search?q=aardvark&page=2' })
    t.equal((second.body.match(/<li data-reply=/g) ?? []).length, 2)
    t.match(second.body, 'rel="prev"')
    t.notMatch(second.body, 'rel="next"')
  })

  t.test('the API keeps each search like the page, until anything changes', async (t) => {
    const first = await app.inject({ url: '/api/search?q=wombat' })
    t.equal(first.statusCode, 200)
    t.same(first.json().results, [])
    t.match(first.headers['cache-control'], 'public')
    const again = await app.inject({
      url: '/api/search?q=wombat',
      headers: { 'if-none-match': String(first.headers.etag) },
    })
    t.equal(again.statusCode, 304, 'the same search is answered from the cache')
    const posted = await app.inject({
      method: 'POST',
      url: `/api/threads/${deep.id}/replies`,
      headers: bob.auth,
      payload: { body: 'A wombat wandered through the council chamber.' },
    })
    t.equal(posted.statusCode, 201)
    const after = await app.inject({
      url: '/api/search?q=wombat',
      headers: { 'if-none-match': String(first.headers.etag) },
    })
    t.equal(after.statusCode, 200, 'a new match shows on the next request')
    t.same(ids(after.json()), [`reply:${posted.json().reply.id}`])
    const refused = await app.inject({ url: '/api/search?q=wombat&page=99' })
    t.equal(refused.statusCode, 400, 'a refused search is refused each time, not kept')
    t.equal(refused.json().error, 'page_too_deep')
  })

  t.test('a member who ignores the poster sees the result folded', async (t) => {
    const put = await app.inject({ method: 'PUT', url: `/api/me/ignores/${bob.user.username}`, headers: alice.auth })
    t.equal(put.statusCode, 200)
    const cookie = await browserSession(app, alice.user.username, alice.password)
    const page = await app.inject({ url: '/search?q=harbour+ferry', headers: { cookie } })
    t.equal(page.statusCode, 200)
    t.match(page.body, `<li data-thread="${other.id}" data-author="${bob.user.username}">`)
    t.match(page.body, `ol.search-results > li[data-author="${bob.user.username}"] > .snippet { display: none; }`)
    t.match(page.headers['cache-control'], 'private', 'the member’s copy is their own')
    const anonymous = await app.inject({ url: '/search?q=harbour+ferry' })
    t.notMatch(anonymous.body, 'ol.search-results > li[data-author=', 'nor anyone else’s')
  })

  t.test('the SQL site rule is the app’s', async (t) => {
    const hosts = [
      'www.nytimes.com',
      'en.m.wikipedia.org',
      'www2.example.co.uk',
      'www10.org',
      'mobile.twitter.com',
      'm.example.com',
      'news.bbc.co.uk',
    ]
    for (const host of hosts) {
      const { rows } = await pool.query<{ site: string }>('SELECT search_site($1) AS site', [`https://${host}/a/b?c=d`])
      t.equal(rows[0]!.site, siteOf(host), host)
    }

    // site: takes a site's subdomains, not another site ending in the same letters.
    await pool.query('UPDATE threads SET final_url = $2 WHERE id = $1', [other.id, 'https://news.bbc.co.uk/ferry'])
    t.same(ids((await search(app, { q: 'ferry site:bbc.co.uk', type: 'threads' })).body), [`thread:${other.id}`])
    t.same(ids((await search(app, { q: 'ferry site:news.bbc.co.uk', type: 'threads' })).body), [`thread:${other.id}`])
    t.same((await search(app, { q: 'ferry site:cbbc.co.uk', type: 'threads' })).body.results, [])
    t.same((await search(app, { q: 'ferry site:co.uk', type: 'threads' })).body.results.length, 1, 'a whole domain')
  })
})
