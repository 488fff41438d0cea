/**
 * Bylines and datelines of named pages of the shared corpus, checked by
 * reading the pages (not Readability's output): meta-only bylines, the site
 * signing as author, and times given without an offset.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { extractDigest, type Digest } from '../../src/extract/extract-digest.js'
import { ROOT } from '../../src/paths.js'

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'readability')
const URL = 'http://fakehost/test/page.html'

const cases: Array<[name: string, why: string, expected: Partial<Digest>]> = [
  [
    'cnn',
    'the page prints "First published February 1, 2016: 1:28 AM ET" beside a meta time without offset',
    { byline: 'Ahiza Garcia', publishedTime: '2016-02-01T01:28:49-05:00', publishedTimePrecision: 'time' },
  ],
  [
    'seattletimes-1',
    'its author only in <meta itemprop="author">; its times without offset or printed zone keep only the date',
    {
      byline: 'Benjamin Romano',
      publishedTime: '2019-04-28',
      publishedTimePrecision: 'date',
      modifiedTime: '2019-04-29',
      modifiedTimePrecision: 'date',
    },
  ],
  [
    'telegraph',
    'its author only in <meta name="DCSext.author">',
    { byline: 'Our Foreign Staff', publishedTime: '2017-11-16T14:15:00+00:00', publishedTimePrecision: 'time' },
  ],
  ['bbc-1', '"BBC News" signs as author of a BBC News page', { byline: null, siteName: 'BBC News' }],
  [
    'engadget',
    "JSON-LD without offset, read in the offset of the page's other published_at meta",
    { publishedTime: '2017-11-03T03:01:00-04:00', publishedTimePrecision: 'time' },
  ],
  ['herald-sun-1', "the column's author in article:author, a sidebar's byline in the text", { byline: 'Laurie Oakes' }],
]

t.test('named corpus pages', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, async (t) => {
  for (const [name, why, expected] of cases) {
    const html = await readFile(join(CORPUS, name, 'source.html'), 'utf8')
    const digest = extractDigest(html, URL, { paragraphs: 1 })
    for (const [field, value] of Object.entries(expected)) {
      t.equal(digest[field as keyof Digest], value, `${name} ${field}: ${why}`)
    }
  }
})
