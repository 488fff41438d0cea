import { JSDOM } from 'jsdom'
import t from 'tap'
import { readDateText, readUrlDate } from '../../src/extract/date-text.js'
import { readDatelines } from '../../src/extract/datelines.js'
import { readPageMetadata } from '../../src/extract/metadata.js'

const NOW = Date.parse('2024-06-01T12:00:00Z')

/** The published and modified datelines of a page with `head` and `body` at `url`, read as of NOW. */
function datelines(head: string, body: string, url = 'https://news.example/story', lang = 'en') {
  const document = new JSDOM(
    `<html lang="${lang}"><head>${head}</head><body class="single right-sidebar">${body}</body></html>`,
  ).window.document
  const { published, modified } = readDatelines(document, readPageMetadata(document, url), null, NOW)
  return { published: published?.value ?? null, modified: modified?.value ?? null }
}

t.test('dates printed the way people write them', async (t) => {
  const cases: Array<[text: string, lang: string | null, expected: string | null]> = [
    ['By A, B on Monday, November 18th, 2019 at 11:08 a.m.', 'en', '2019-11-18T11:08'],
    ['31. Mai 2012, 14:30 Uhr', 'de', '2012-05-31T14:30'],
    ['Veröffentlicht am 20.11.2019', 'de', '2019-11-20'],
    ['12 listopada 2019 o 14:30', 'pl', '2019-11-12T14:30'],
    ['18 de noviembre de 2019', 'es', '2019-11-18'],
    ['1er décembre 2019', 'fr', '2019-12-01'],
    ['Posted 2019-11-20 08:15', 'en', '2019-11-20T08:15'],
    ['11/20/2019', 'en-US', '2019-11-20'],
    ['05/06/2019', 'en-GB', '2019-06-05'],
    ['05/06/2019', 'en-US', '2019-05-06'],
    ['12 people in 2019, then 3 March 2020', 'en', '2020-03-03'],
    ['31.02.2019', 'de', null],
    ['no date here', 'en', null],
  ]
  for (const [text, lang, expected] of cases) t.equal(readDateText(text, lang), expected, text)
})

t.test('dates in URLs', async (t) => {
  const cases: Array<[url: string, expected: string | null]> = [
    ['https://x.example/2019/11/20/title/', '2019-11-20'],
    ['https://x.example/news/2019-11-20-title', '2019-11-20'],
    ['https://x.example/2019/11/title', null],
    ['https://x.example/2019/13/20/title', null],
    ['https://x.example/item/20191120/', null],
  ]
  for (const [url, expected] of cases) t.equal(readUrlDate(url), expected, url)
})

t.test('every source of a published time, each alone on a page', async (t) => {
  const cases: Array<[name: string, head: string, body: string, expected: string]> = [
    ['parsely-pub-date', '<meta name="parsely-pub-date" content="2019-11-20T08:00:00Z">', '', '2019-11-20T08:00:00Z'],
    [
      'sailthru.date',
      '<meta name="sailthru.date" content="2019-11-20 08:00:00 +0100">',
      '',
      '2019-11-20T08:00:00+01:00',
    ],
    ['dc.date.issued', '<meta name="DC.date.issued" content="2019-11-20">', '', '2019-11-20'],
    [
      'article:published',
      '<meta property="article:published" content="2019-11-20T08:00:00Z">',
      '',
      '2019-11-20T08:00:00Z',
    ],
    [
      'microdata outside the article',
      '',
      '<div class="top"><span itemprop="datePublished" content="2019-11-20T08:00:00+01:00">Nov 20</span></div><article><p>Text</p></article>',
      '2019-11-20T08:00:00+01:00',
    ],
    ['microdata as text', '', '<div><span itemprop="datePublished">20. November 2019</span></div>', '2019-11-20'],
    [
      '<time> outside the article',
      '',
      '<div class="masthead"><time datetime="2019-11-20T08:00:00Z">Wednesday</time></div><article><p>Text</p></article>',
      '2019-11-20T08:00:00Z',
    ],
    ['a printed dateline', '', '<p class="entry-meta">Posted on November 20, 2019 by Jane</p>', '2019-11-20'],
    ['a German dateline', '', '<span class="datum">20.11.2019</span>', '2019-11-20'],
    ['a bare "date" meta', '<meta name="date" content="2019-11-20T08:00:00+01:00">', '', '2019-11-20T08:00:00+01:00'],
    ['a meta date printed day first', '<meta name="date" content="20.11.2019, 08:00:03">', '', '2019-11-20'],
    [
      "a dateline in the article's own footer",
      '',
      '<article><p>Text</p><footer class="entry-footer"><span class="posted-on">Posted on November 20, 2019</span></footer></article>',
      '2019-11-20',
    ],
    [
      'a dateline on a page whose body class names its sidebar',
      '',
      '<div class="entry-meta"><span class="entry-date">November 20, 2019</span></div>',
      '2019-11-20',
    ],
  ]
  for (const [name, head, body, expected] of cases) t.equal(datelines(head, body).published, expected, name)
})

t.test('the URL dates a page whose markup does not, and printed dates must agree with it', async (t) => {
  const url = 'https://blog.example/2019/11/20/story/'
  t.equal(datelines('', '<p>Text</p>', url).published, '2019-11-20')
  t.equal(datelines('', '<p class="date">20 November 2019, 14:30 GMT</p>', url).published, '2019-11-20T14:30:00Z')
  t.equal(datelines('', '<p class="date">3 January 2021</p>', url).published, '2019-11-20', 'another day: the URL')
  t.equal(
    datelines('<meta property="article:published_time" content="2019-11-21T01:00:00+09:00">', '', url).published,
    '2019-11-21T01:00:00+09:00',
    'markup comes before the URL',
  )
})

t.test('a date printed beside the headline, whatever its class', async (t) => {
  const cases: Array<[body: string, expected: string | null]> = [
    [
      '<div><h1>Harbor ferry returns after two years</h1><p class="sub">Handball Schweiz • 02.02.2022</p></div>',
      '2022-02-02',
    ],
    [
      '<div><div class="top"><p>21. Jan 2022 // Dominik Ricker</p></div><div><h1>Harbor ferry returns after two years</h1></div></div>',
      '2022-01-21',
    ],
    ['<div><h1>Bayside</h1><p>Tuesday, 2 February 2022</p></div>', null],
    ['<div><h1>Harbor ferry returns after two years</h1><p>Letzte Änderung 02.02.2022</p></div>', null],
    ['<div><h1>Harbor ferry returns after two years</h1></div><div id="footer">Edited on 2 February 2022</div>', null],
  ]
  for (const [body, expected] of cases) t.equal(datelines('', body).published, expected, body)
})

t.test('dates in comments, sidebars and lists of other stories are not the page’s', async (t) => {
  const cases = [
    '<div class="comments"><span class="date">20.11.2019</span></div>',
    '<footer class="site-footer"><span class="date">20.11.2019</span></footer>',
    '<table class="infobox"><tr><td><span class="published">1998-02-28</span></td></tr></table>',
    '<ol class="references"><li><span class="reference-accessdate">2019-11-20</span></li></ol>',
    '<aside><time datetime="2019-11-20T08:00:00Z"></time></aside>',
    '<ul class="related"><li><span class="post-date">November 20, 2019</span></li></ul>',
    '<p class="comment-meta">November 20, 2019 at 8:00 am</p>',
  ]
  for (const body of cases) t.equal(datelines('', body).published, null, body)
})

t.test('implausible dates are not believed', async (t) => {
  const published = (content: string, body = '') =>
    datelines(`<meta property="article:published_time" content="${content}">`, body).published
  t.equal(published('1970-01-01T00:00:00Z'), null, 'before 1995')
  t.equal(published('2030-01-01T00:00:00Z'), null, 'in the future')
  t.equal(published('2024-06-01T20:00:00+02:00'), '2024-06-01T20:00:00+02:00', 'later today, a zone away')
  t.equal(
    published('1970-01-01T00:00:00Z', '<span class="date">20.11.2019</span>'),
    '2019-11-20',
    'the next source is asked',
  )
  const both = (published: string, modified: string) =>
    datelines(
      `<meta property="article:published_time" content="${published}"><meta property="article:modified_time" content="${modified}">`,
      '',
    )
  t.same(both('2019-11-20T10:00:00Z', '2019-11-19T17:00:00Z'), { published: '2019-11-20T10:00:00Z', modified: null })
  t.same(both('2019-11-20T10:00:00Z', '2019-11-21T17:00:00Z'), {
    published: '2019-11-20T10:00:00Z',
    modified: '2019-11-21T17:00:00Z',
  })
  t.same(both('2019-11-20T10:00:00Z', '2019-11-20'), { published: '2019-11-20T10:00:00Z', modified: '2019-11-20' })
})

t.test('a printed "Updated" date is the modified time', async (t) => {
  t.same(datelines('', '<p class="meta">Published 18 November 2019</p><p class="meta">Updated 20 November 2019</p>'), {
    published: '2019-11-18',
    modified: '2019-11-20',
  })
})

t.test('the best source sets the day; another lends its time only on that day', async (t) => {
  const head = (published: string) =>
    `<meta property="article:published_time" content="${published}"><meta name="parsely-pub-date" content="2019-11-20T08:00:00Z">`
  t.equal(datelines(head('2019-11-20'), '').published, '2019-11-20T08:00:00Z')
  t.equal(datelines(head('2019-11-19'), '').published, '2019-11-19')
})

t.test('the layout around the headline does not make its dateline an aside', async (t) => {
  const headline = '<h1>Harbor ferry returns after two years</h1>'
  const cases: Array<[name: string, body: string]> = [
    ['with-sidebar', `<div class="content with-sidebar">${headline}<span class="date">20.11.2019</span></div>`],
    [
      'node--promoted',
      `<article class="node node--promoted"><div>${headline}</div><div class="info"><span class="post-date">20.11.2019</span></div></article>`,
    ],
  ]
  for (const [name, body] of cases) t.equal(datelines('', body).published, '2019-11-20', name)
  t.equal(
    datelines(
      '',
      `<div class="content with-sidebar"><div><div><div>${headline}</div></div></div><p>x</p><p>y</p><p>z</p><div class="sidebar"><span class="date">20.11.2019</span></div></div>`,
    ).published,
    null,
    'the sidebar itself still is one',
  )
})

t.test('hAtom: an <abbr class="published"> dates the page by its title', async (t) => {
  t.equal(
    datelines(
      '',
      '<div class="post hentry"><p>Text</p><div class="post-footer"><abbr class="published" title="2019-11-20T08:15:00+01:00">8:15 AM</abbr></div></div>',
    ).published,
    '2019-11-20T08:15:00+01:00',
    "in the post's own footer, as Blogger prints it",
  )
  t.equal(
    datelines('', '<div class="post"><abbr class="published" title="2019-11-20T08:15:00+01:00">8:15 AM</abbr></div>')
      .published,
    '2019-11-20T08:15:00+01:00',
  )
})

t.test('a run of date-hinted boxes without dates does not crowd out the dateline', async (t) => {
  const promos = Array.from({ length: 30 }, (_, i) => `<span class="byline">Reporter ${'x'.repeat(i)}</span>`).join('')
  t.equal(datelines('', `<div>${promos}</div><span class="dateline">20 November 2019</span>`).published, '2019-11-20')
})

t.test('a labelled publication date, wherever its line sits', async (t) => {
  t.equal(
    datelines('', '<div class="x"><small>Erstellt am: 20.11.2019 18:36 / sk</small></div>', undefined, 'de').published,
    '2019-11-20',
  )
  t.equal(datelines('', '<p>Posted on <span>Tuesday 19 November 2019</span> by Jane</p>').published, '2019-11-19')
  t.equal(
    datelines('', '<p>Posted on 19 November 2019</p><p>Posted on 3 January 2020</p>').published,
    null,
    'a list of posts, each with its date',
  )
  t.equal(datelines('', '<p>The report published on 19 November 2019 found more.</p>').published, null, 'running text')
})

t.test('a dateline opening the first paragraphs after the headline', async (t) => {
  // Longer than a dateline: the paragraph is the lede, not a line beside the headline.
  const more =
    ' The ferry returns to the harbor after two years of repairs, and the town council says the timetable stays as it was.'.repeat(
      2,
    )
  const page = (lede: string) =>
    datelines('', `<h1>Harbor ferry returns after two years</h1><p>${lede}${more}</p><p>More text.</p>`).published
  t.equal(page('Bern, 17.08.2007 - The council met on Friday.'), '2007-08-17')
  t.equal(page('Feb. 23, 2015 -- Peanut allergies are on the rise.'), '2015-02-23')
  t.equal(page('Hofheim am Taunus | Wiesbaden, 11. November 2021 – Eight products won.'), '2021-11-11')
  t.equal(page('On 17.08.2007 the council met.'), null, 'a date in the sentence')
})
