import t from 'tap'
import {
  ago,
  dateline,
  datelineTime,
  escapeHtml,
  isOldArticle,
  monthYear,
  shortenHtml,
} from '../../src/render/helpers.js'

t.test('dateline reads like a newspaper', async (t) => {
  t.equal(dateline(new Date('2016-04-06T23:00:00Z'), 'America/New_York'), 'April 6, 2016 — 7:00 PM EDT')
  t.equal(dateline(new Date('2016-04-07T09:42:00Z'), 'America/New_York'), 'April 7, 2016 — 5:42 AM EDT')
  t.equal(dateline(new Date('2016-01-07T09:42:00Z'), 'UTC'), 'January 7, 2016 — 9:42 AM UTC')
})

t.test('a dateline without its time of day shows the date the source printed, in any zone', async (t) => {
  const day = new Date('2019-04-28T00:00:00Z')
  for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    t.equal(dateline(day, zone, 'date'), 'April 28, 2019', zone)
    t.equal(monthYear(new Date('2019-04-01T00:00:00Z'), zone, 'date'), 'April 2019', zone)
  }
  t.equal(
    datelineTime(day, 'date', 'America/Los_Angeles'),
    '<time datetime="2019-04-28">April 28, 2019</time>',
    "no data-style: the reader's-zone script leaves it alone",
  )
  t.equal(
    datelineTime(new Date('2016-02-01T06:28:49Z'), 'time', 'America/New_York'),
    '<time data-style="dateline" datetime="2016-02-01T06:28:49.000Z">February 1, 2016 &#8212; 1:28 AM EST</time>',
  )
})

t.test('shortenHtml cuts headlines for breadcrumbs', async (t) => {
  const cases: [string, string][] = [
    ['Short <headline>', 'Short &lt;headline&gt;'],
    ['The Supreme Court Decides a Case on Voting', 'The Supreme Court Decides&#8230;'],
    ['Supercalifragilisticexpialidocious-wordy', 'Supercalifragilisticexpia&#8230;'],
    ['Café & “quotes” in a long headline', 'Café &amp; “quotes” in a long&#8230;'],
  ]
  for (const [input, expected] of cases) t.equal(shortenHtml(input), expected, input)
})

t.test('escapeHtml escapes what HTML reads', async (t) => {
  t.equal(escapeHtml('<a href="x">'), '&lt;a href=&quot;x&quot;&gt;')
})

t.test('ago', async (t) => {
  const now = new Date('2026-01-10T12:00:00Z')
  t.equal(ago(new Date('2026-01-10T11:59:30Z'), 'UTC', now), 'just now')
  t.equal(ago(new Date('2026-01-10T11:00:00Z'), 'UTC', now), '1 hour ago')
  t.equal(ago(new Date('2026-01-08T12:00:00Z'), 'UTC', now), '2 days ago')
  t.equal(ago(new Date('2025-12-01T12:00:00Z'), 'UTC', now), 'Dec 1, 2025')
})

t.test('old articles are labelled by month', async (t) => {
  const posted = new Date('2026-11-24T12:00:00Z')
  t.equal(isOldArticle(new Date('2016-04-06T23:00:00Z'), posted), true)
  t.equal(isOldArticle(new Date('2026-11-20T12:00:00Z'), posted), false)
  t.equal(isOldArticle(null, posted), false)
  t.equal(monthYear(new Date('2016-04-06T23:00:00Z'), 'UTC'), 'April 2016')
})
