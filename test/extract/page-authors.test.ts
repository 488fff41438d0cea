import { JSDOM } from 'jsdom'
import t from 'tap'
import { cleanByline } from '../../src/extract/byline.js'
import { readJsonLd } from '../../src/extract/json-ld.js'
import { readPageMetadata } from '../../src/extract/metadata.js'

const pageAuthors = (body: string) =>
  readPageMetadata(
    new JSDOM(`<html><head></head><body class="single right-sidebar">${body}</body></html>`).window.document,
    'https://x.example/',
  ).pageAuthors

t.test('authors linked with rel="author" in the article, its own footer included', async (t) => {
  const cases: Array<[name: string, body: string, expected: string[][]]> = [
    [
      'entry meta on a page whose body class names its sidebar',
      '<article><div class="entry-meta">by <a rel="author" href="/author/jane">Jane Doe</a></div></article>',
      [['Jane Doe']],
    ],
    [
      'the article footer',
      '<article><p>Text</p><footer class="post-footer">Posted by <a rel="author" href="/a/j">Jane Doe</a></footer></article>',
      [['Jane Doe']],
    ],
    ['the site footer', '<footer class="site-footer"><a rel="author" href="/a/j">Jane Doe</a></footer>', []],
    ['a comment', '<div class="comment"><a rel="author" href="/a/j">Jane Doe</a></div>', []],
  ]
  for (const [name, body, expected] of cases) t.same(pageAuthors(body).marked, expected, name)
})

t.test('a name printed twice for screen readers is read once', async (t) => {
  t.equal(
    pageAuthors('<p class="byline">By <a href="/a/j">Jane Doe<span class="sr-only">Jane Doe</span></a></p>').printed,
    'By Jane Doe',
  )
  t.equal(
    pageAuthors(
      '<p class="byline">von Jane Doe <span>31. Oktober 2023</span><span class="sr-only">31. Oktober 2023</span></p>',
    ).printed,
    'von Jane Doe 31. Oktober 2023',
  )
})

t.test('a name alone in the author box, when the page names no one else that way', async (t) => {
  const cases: Array<[name: string, body: string, expected: string | null]> = [
    [
      'header and byline agree',
      '<div class="article-authors"><span class="article_author-name">Jane van der Berg</span></div><p class="byline">Jane van der Berg</p>',
      'Jane van der Berg',
    ],
    [
      'the layout around the headline names a sidebar',
      '<div class="with-sidebar"><h1>Harbor ferry returns after two years</h1><span class="author">Jane Doe</span></div>',
      'Jane Doe',
    ],
    [
      'a list of stories, each signed',
      '<span class="item__author">Jane Doe</span><span class="item__author">John Roe</span>',
      null,
    ],
    ['a teaser', '<div class="teaser"><span class="author">Jane Doe</span></div>', null],
    [
      'posts by a user and a person',
      '<span class="author vcard">jdoe</span><span class="author vcard">John Roe</span>',
      null,
    ],
    ['a heading of the author box', '<h3 class="author-box-title">Über den Autor</h3>', null],
    [
      'a link to the author page, whatever its class',
      '<p>Text <a href="/autor/jane_doe">Jane Doe</a> / 22.04.2020</p>',
      'Jane Doe',
    ],
    [
      'a name glued to the link beside it',
      '<div class="author-box"><a href="/meta/x"><h6>Harbor Gazette</h6></a><a href="#">Contactar</a></div>',
      null,
    ],
    ['a name with its date', '<span class="author">Jane Doe 12 May 2020</span>', null],
  ]
  for (const [name, body, expected] of cases) t.equal(pageAuthors(body).named, expected, name)
})

t.test('a printed byline loses the weekday its date starts with, however short', async (t) => {
  t.equal(cleanByline('Von Tomas Spahn Fr, 18. Oktober 2019'), 'Tomas Spahn')
  t.equal(cleanByline('By Jane Doe on Mon, 18 November 2019'), 'Jane Doe')
})

t.test('bylines name people, not companies, copyright lines, e-mail addresses or date labels', async (t) => {
  const cases: Array<[raw: string, expected: string | null]> = [
    ['Olympia-Verlag GmbH, Nürnberg, Germany', null],
    ['Deutscher Caritasverband e. V.', null],
    ['Copyright Haufe-Lexware GmbH & Co. KG - all rights reserved', null],
    ['Jane Doe, Example AG', 'Jane Doe'],
    ['Lüder Hoppe info@buero-hoppe.de', 'Lüder Hoppe'],
    ['Publiziert', null],
    ['Veröffentlicht von Cem Basman', 'Cem Basman'],
    ['Jane Doe Veröffentlicht am 3. Mai 2020', 'Jane Doe'],
    ['Recipe by Jane Doe', 'Jane Doe'],
    ['oradmin', null],
    ['user', null],
    ['revamp-it Webteam', null],
  ]
  for (const [raw, expected] of cases) t.equal(cleanByline(raw), expected, raw)
})

const ld = (value: unknown) => [JSON.stringify(value)]

t.test('JSON-LD: recipes and videos date and sign the page when no article does', async (t) => {
  const recipe = readJsonLd(
    ld({ '@type': 'Recipe', datePublished: '2020-07-14', author: { '@type': 'Person', name: 'Jane Doe' } }),
  )
  t.match(recipe, { datePublished: '2020-07-14', authors: ['Jane Doe'] })
  const both = readJsonLd(
    ld([
      { '@type': 'VideoObject', uploadDate: '2020-01-01', datePublished: '2020-01-01' },
      { '@type': 'NewsArticle', datePublished: '2020-07-14' },
    ]),
  )
  t.equal(both?.datePublished, '2020-07-14', 'an article comes first')
})

t.test('JSON-LD: a graph that dates only the WebPage dates its article', async (t) => {
  const graph = readJsonLd(
    ld({
      '@graph': [
        { '@type': 'WebPage', '@id': '#page', datePublished: '2020-07-14T08:00:00+00:00' },
        { '@type': 'Article', isPartOf: { '@id': '#page' }, author: { '@id': '#jane' } },
        { '@type': 'Person', '@id': '#jane', name: 'Jane Doe' },
      ],
    }),
  )
  t.match(graph, { datePublished: '2020-07-14T08:00:00+00:00', authors: ['Jane Doe'] })
})

t.test('JSON-LD that is not JSON still gives its type and dates, never its authors', async (t) => {
  const broken = readJsonLd([
    '{ "@context": "http://schema.org", "@type": "NewsArticle", "@author": Jane Doe, "datePublished": "2021-05-11 09:49:18" }',
  ])
  t.match(broken, { datePublished: '2021-05-11 09:49:18', authors: [] })
  t.equal(readJsonLd(['{ "datePublished": "2021-05-11", oops }']), null, 'without a type it is not read')
})
