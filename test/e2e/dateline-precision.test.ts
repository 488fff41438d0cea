import t from 'tap'
import { findRefreshTarget, recordRefresh } from '../../src/db/refresh.js'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'
import { listenOnLoopback, openBrowser, withoutChromium } from '../helpers/browser.js'

t.test('source times without an offset: the zone the page prints, else the date alone', async (t) => {
  const fixtures = await startFixtureServer(t)
  // A forum zone far from UTC: a date stored as midnight UTC must not slide to the day before.
  const { app, pool, startWorker } = await buildTestApp(t, { env: { TIME_ZONE: 'America/Los_Angeles' } })
  await startWorker()
  const poster = await registerMember(app)
  const post = async (path: string): Promise<{ id: number; [field: string]: unknown }> => {
    const res = await postLink(app, poster.auth, { url: fixtures.url(path), forum: 'editorials' })
    t.equal(res.statusCode, 202, `posted ${path}`)
    const id = res.json().thread.id as number
    return { ...(await waitForDigest(app, id)), id }
  }

  const noZone = await post('/dateline-no-zone.html')
  t.match(noZone, {
    status: 'ready',
    byline: 'Benjamin Ortiz',
    publishedTime: '2019-04-28',
    publishedTimePrecision: 'date',
    modifiedTime: '2019-04-29',
    modifiedTimePrecision: 'date',
  })
  const { rows } = await pool.query(
    `SELECT published_time, published_time_precision, modified_time_precision FROM threads WHERE id = $1`,
    [noZone.id],
  )
  t.same(rows[0], {
    published_time: new Date('2019-04-28T00:00:00Z'),
    published_time_precision: 'date',
    modified_time_precision: 'date',
  })
  const page = await app.inject({ method: 'GET', url: `/threads/${noZone.id}` })
  t.equal(page.statusCode, 200)
  t.match(
    page.body,
    '<p class="dateline"><time datetime="2019-04-28">April 28, 2019</time> / Updated on <time datetime="2019-04-29">April 29, 2019</time></p>',
    'the dates without a clock time, and without the script hook that would move them into a zone',
  )
  t.match(page.body, '<p class="notice">This article is from April 2019.</p>')

  // A re-fetch that finds the same date is no update; one that finds a time with its zone brings its precision.
  const title = String(noZone.title)
  let target = (await findRefreshTarget(pool, noZone.id))!
  t.equal(
    await recordRefresh(pool, target, { title, modifiedTime: '2019-04-29', modifiedTimePrecision: 'date' }),
    false,
  )
  target = (await findRefreshTarget(pool, noZone.id))!
  t.equal(
    await recordRefresh(pool, target, {
      title,
      modifiedTime: '2019-04-30T10:00:00-07:00',
      modifiedTimePrecision: 'time',
    }),
    true,
  )
  const refreshed = (await app.inject({ method: 'GET', url: `/api/threads/${noZone.id}` })).json().thread
  t.match(refreshed, {
    publishedTime: '2019-04-28',
    modifiedTime: '2019-04-30T17:00:00.000Z',
    modifiedTimePrecision: 'time',
  })

  const eastern = await post('/dateline-eastern.html')
  t.match(eastern, {
    status: 'ready',
    byline: null,
    siteName: 'Metro Money',
    publishedTime: '2016-02-01T06:28:49.000Z',
    publishedTimePrecision: 'time',
    modifiedTime: null,
    modifiedTimePrecision: null,
  })
  const easternPage = await app.inject({ method: 'GET', url: `/threads/${eastern.id}` })
  t.match(
    easternPage.body,
    '<time data-style="dateline" datetime="2016-02-01T06:28:49.000Z">January 31, 2016 &#8212; 10:28 PM PST</time>',
    "1:28 AM ET, in the forum's zone",
  )
  t.notMatch(easternPage.body, '<p class="byline">', 'no "By Metro Money" under "Metro Money"')

  t.test('in a browser west of UTC', { skip: withoutChromium }, async (t) => {
    const base = await listenOnLoopback(app)
    const browser = await openBrowser(t)
    const tab = await browser.newPage({ timezoneId: 'America/Chicago' })
    // goto waits for the load event, which comes after module scripts (the reader's-zone one) have run.
    await tab.goto(`${base}/threads/${eastern.id}`)
    t.equal((await tab.locator('p.dateline').textContent())?.trim(), 'February 1, 2016 — 12:28 AM CST')
    await tab.goto(`${base}/threads/${noZone.id}`)
    t.equal(
      (await tab.locator('p.dateline').textContent())?.trim(),
      'April 28, 2019 / Updated on April 30, 2019 — 12:00 PM CDT',
      "no time invented and no day lost for the date alone; the refreshed update time in the reader's zone",
    )
  })
})
