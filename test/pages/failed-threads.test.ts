import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

t.test('a failed thread says so in its title, breadcrumb and every list', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const posted = await postLink(app, member.auth, { url: fixtures.url('/gone.html'), forum: 'economy' })
  const id = posted.json().thread.id as number
  await waitForDigest(app, id)

  const page = await app.inject({ method: 'GET', url: `/threads/${id}` })
  t.equal(page.statusCode, 200)
  t.match(page.body, '<title>127.0.0.1 could not be fetched &#183; Broadsheet</title>')
  t.match(page.body, /&#187; <span>Could not be fetched<\/span><\/nav>/, 'the breadcrumb says it failed')
  t.notMatch(page.body, 'Fetching', 'nothing pretends the fetch is still going')
  t.match(page.body, '<h1>127.0.0.1 could not be fetched</h1>')
  t.match(page.body, 'We could not make a digest of this link: The page was not found (HTTP 404).')
  t.match(page.body, `<p class="source-url">Link posted: ${fixtures.url('/gone.html')}</p>`)
  t.notMatch(page.body, 'more...', 'no link to the page that failed')
  t.notMatch(page.body, `href="${fixtures.url('/gone.html')}"`, 'the source is plain text only')

  for (const url of ['/', '/forums/economy', `/members/${member.user.username}`]) {
    const list = await app.inject({ method: 'GET', url })
    t.match(
      list.body,
      new RegExp(
        `<a class="title" href="/threads/${id}">127\\.0\\.0\\.1 could not be fetched</a>\\s*<span class="label failed">Fetch failed</span>`,
      ),
      `${url} labels the failed thread`,
    )
  }

  const api = (await app.inject({ method: 'GET', url: `/api/threads/${id}` })).json().thread
  t.match(api, { status: 'failed', errorReason: 'not_found' })
  for (const viewOnly of ['isFailed', 'isWaiting', 'heading', 'crumb', 'authorId', 'groupSlug'])
    t.notOk(viewOnly in api, `the API sends only its schema's fields (${viewOnly})`)
})

t.test('"Try fetching again" says when the new attempt failed too, and why', async (t) => {
  const fixtures = await startFixtureServer(t)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const posted = await postLink(app, member.auth, { url: fixtures.url('/still-gone.html'), forum: 'economy' })
  const id = posted.json().thread.id as number
  await waitForDigest(app, id)
  const before = await app.inject({ method: 'GET', url: `/threads/${id}`, headers: { cookie } })
  t.notMatch(before.body, 'The new attempt failed too')

  const retry = await app.inject({ method: 'POST', url: `/threads/${id}/retry`, headers: { cookie } })
  t.equal(retry.statusCode, 303)
  t.equal(retry.headers.location, `/threads/${id}?notice=retried`)
  await waitForDigest(app, id)
  t.equal(fixtures.hits('/still-gone.html'), 2, 'the link was really fetched again')
  const after = await app.inject({ method: 'GET', url: retry.headers.location as string, headers: { cookie } })
  t.match(after.body, 'The new attempt failed too: The page was not found (HTTP 404).')
  t.match(after.body, 'Try fetching again', 'and it can be tried once more')
})
