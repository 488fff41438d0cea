import { JSDOM } from 'jsdom'
import t from 'tap'
import { readDatelines } from '../../src/extract/datelines.js'
import { readPageMetadata } from '../../src/extract/metadata.js'

const LONG = 'The council met for four hours and heard from dozens of residents about the plan. '.repeat(6)

/** A page whose only machine-readable time is 01:28:49 without an offset, with `head` and `body` around it. */
function published(head: string, body: string) {
  const html = `<html lang="en-US"><head><meta property="article:published_time" content="2016-02-01T01:28:49">${head}</head><body>${body}</body></html>`
  const document = new JSDOM(html).window.document
  return readDatelines(document, readPageMetadata(document, 'https://x.example/a'), null).published
}

t.test('a time without offset, read in the zone the page tells', async (t) => {
  const cases: Array<[name: string, head: string, body: string, expected: string]> = [
    ['nothing said', '', `<p>${LONG}</p>`, '2016-02-01'],
    [
      'a printed dateline',
      '',
      '<p class="stamp">Updated 1:28 AM ET, Mon February 1, 2016</p>',
      '2016-02-01T01:28:49-05:00',
    ],
    [
      'clock and zone in separate elements',
      '',
      '<p><time>1:28 a.m.</time> <abbr>PT</abbr></p>',
      '2016-02-01T01:28:49-08:00',
    ],
    [
      'the same clock in running text',
      '',
      `<p>${LONG} It was filed at 1:28 AM CT. ${LONG}</p>`,
      '2016-02-01T01:28:49-06:00',
    ],
    ['another clock in running text', '', `<p>${LONG} The vote is at 8 p.m. ET. ${LONG}</p>`, '2016-02-01'],
    ['a code sample', '', '<pre><code>deploy at 09:00 UTC</code></pre><p><code>1:28 CET</code></p>', '2016-02-01'],
    [
      'another date with an offset',
      '<meta property="article:modified_time" content="2016-02-01T09:00:00+01:00">',
      '',
      '2016-02-01T01:28:49+01:00',
    ],
    [
      'datelines agreeing on a zone',
      '',
      '<ul class="related"><li><span>Feb 2, 2016 9:05 AM EST</span></li><li><span>Jan 30, 2016 4:10 PM EST</span></li></ul>',
      '2016-02-01T01:28:49-05:00',
    ],
  ]
  for (const [name, head, body, expected] of cases) t.equal(published(head, body)?.value, expected, name)
})
