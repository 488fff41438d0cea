/**
 * The load benchmark's news sites, through the real API, queue and worker:
 * their article pages make complete digests, and the sites are separate sites
 * to the fetcher's politeness (one schedule per loopback address). Speed is
 * never checked here.
 */
import t from 'tap'
import { startNewsSites } from '../../bench/load-site.js'
import { freePort } from '../../scripts/throwaway-database.js'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'

t.test('news-site articles digest completely, each site on its own politeness schedule', async (t) => {
  const sites = await startNewsSites(2, await freePort())
  t.teardown(() => sites.close())
  const { app, pool, startWorker } = await buildTestApp(t, { env: { FETCH_ALLOW_HOSTS: sites.hosts.join(',') } })
  await startWorker()
  const member = await registerMember(app)

  const urls = [sites.articleUrl(0, 'test', 1), sites.articleUrl(0, 'test', 2), sites.articleUrl(1, 'test', 3)]
  t.equal(new Set(urls).size, 3, 'every article number is its own page')
  const pages = await Promise.all(urls.map((url) => fetch(url).then((r) => r.text())))
  t.equal(await fetch(urls[0]!).then((r) => r.text()), pages[0], 'a page fetched again is the same page')
  t.equal(
    (await fetch(`http://${sites.hosts[0]}:${new URL(urls[0]!).port}/no-such-page`)).status,
    404,
    'an unknown page is not found',
  )
  t.same(sites.served(), [3, 1], 'pages served by each site')

  for (const [i, url] of urls.entries()) {
    const res = await postLink(app, member.auth, { url, forum: 'latest-breaking-news' })
    t.equal(res.statusCode, 202, `post ${i + 1} accepted`)
    const thread = await waitForDigest(app, (res.json() as { thread: { id: number } }).thread.id)
    t.match(
      thread,
      { status: 'ready', byline: /\w+ \w+/, publishedTime: /^\d{4}-\d\d-\d\dT/ },
      `article ${i + 1} digested with its byline and dateline`,
    )
    t.equal(thread.title, /<h1>([^<]+)<\/h1>/.exec(pages[i]!)![1], 'the headline')
    t.equal(thread.siteName, /property="og:site_name" content="([^"]+)"/.exec(pages[i]!)![1], 'the site')
    t.equal((thread.excerpt as string[]).length, 4, 'four paragraphs quoted')
  }
  t.same(sites.served(), [5, 2], 'the worker fetched each article once, from its own site')

  const { rows } = await pool.query<{ host: string }>('SELECT host FROM host_slots ORDER BY host')
  t.same(
    rows.map((r) => r.host),
    sites.hosts,
    'the fetcher keeps one schedule per site',
  )
})
