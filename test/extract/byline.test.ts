import { JSDOM } from 'jsdom'
import t from 'tap'
import { cleanByline, withoutSiteName } from '../../src/extract/byline.js'
import { extractDigest } from '../../src/extract/extract-digest.js'
import { readJsonLd } from '../../src/extract/json-ld.js'
import { readPageMetadata } from '../../src/extract/metadata.js'

t.test('withoutSiteName hides the site signing as author, never a person', async (t) => {
  const cases: Array<[byline: string | null, site: string | null, expected: string | null]> = [
    ['BBC News', 'BBC News', null],
    ['BBC NEWS', 'BBC News', null],
    ['BBC', 'BBC News', null],
    ['BBC News.', 'BBC', null],
    ['The Seattle Times staff', 'The Seattle Times', null],
    ['Fox News Staff', 'Fox News', null],
    ['Reuters', 'Reuters.com', null],
    ['Jane Doe, BBC News', 'BBC News', 'Jane Doe'],
    ['GIROMATCH, Frankfurt a. M., Germany', 'Giromatch', null],
    ['Jane Doe', 'BBC News', 'Jane Doe'],
    ['BBC Sport', 'BBC News', 'BBC Sport'],
    ['Ars Staff', 'Ars Technica', 'Ars Staff'],
    ['Paul Graham', 'Paul Graham Essays', 'Paul Graham'],
    ['Seattle Times', 'The Seattle Times', null],
    ['John Times', 'The Seattle Times', 'John Times'],
    ['Jane Doe', null, 'Jane Doe'],
    [null, 'BBC News', null],
  ]
  for (const [byline, site, expected] of cases) {
    t.equal(withoutSiteName(byline, site), expected, `${byline} / ${site}`)
  }
})

const metaAuthors = (head: string) =>
  readPageMetadata(new JSDOM(`<html><head>${head}</head><body></body></html>`).window.document, 'https://x.example/')
    .metaAuthors

t.test('meta tags that name authors, best kind first, several tags of a kind together', async (t) => {
  const cases: Array<[head: string, expected: string[][]]> = [
    ['<meta name="author" content="Ahiza Garcia">', [['Ahiza Garcia']]],
    ['<meta itemprop="author" content="Benjamin Romano">', [['Benjamin Romano']]],
    ['<meta name="DCSext.author" content="Our Foreign Staff">', [['Our Foreign Staff']]],
    [
      '<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="Jane Doe">',
      [['Jane Doe'], ['https://facebook.com/x']],
    ],
    [
      '<meta property="article:author" content="Jane Doe"><meta property="article:author" content="John Roe">',
      [['Jane Doe', 'John Roe']],
    ],
    [
      '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">',
      [['F. Kooman', 'Michiel de Jong']],
    ],
    [
      '<meta property="dc:creator twitter:site_name" content="Creator Name"><meta name="author" content="X">',
      [['Creator Name'], ['X']],
    ],
    ['<meta name="twitter:creator" content="@janedoe">', []],
  ]
  for (const [head, expected] of cases) t.same(metaAuthors(head), expected, head)
})

t.test('JSON-LD authors: names, references, given and family names; not URLs', async (t) => {
  const ld = (author: unknown) => [JSON.stringify({ '@type': 'NewsArticle', author })]
  t.same(readJsonLd(ld({ '@type': 'Person', name: 'Jane Doe' }))?.authors, ['Jane Doe'])
  t.same(readJsonLd(ld([{ '@type': 'Person', givenName: 'Jane', familyName: 'Doe' }, 'John Roe']))?.authors, [
    'Jane Doe',
    'John Roe',
  ])
  t.same(readJsonLd(ld('https://example.com/authors/jane'))?.authors, [])
  // schema.org's creator is often a CMS user name ("CC7567"), not the byline.
  t.same(readJsonLd([JSON.stringify({ '@type': 'NewsArticle', creator: 'CC7567' })])?.authors, [])
})

const ARTICLE = `<article><h1>Harbor ferry returns</h1>
  <p>The passenger ferry between Bayside and Port Alder will carry riders again starting Monday, two years after the
  county suspended the route when its only boat failed a hull inspection.</p>
  <p>The county bought a used 149-seat catamaran from a Washington operator last fall and has spent the winter
  refitting it, and trips will run every 90 minutes on weekdays.</p></article>`

t.test('digest bylines: meta author when the page shows none, the site itself hidden', async (t) => {
  const digest = (head: string) =>
    extractDigest(`<html><head>${head}</head><body>${ARTICLE}</body></html>`, 'https://baysidecourier.example/a', {
      paragraphs: 1,
    }).byline
  t.equal(digest('<meta name="author" content="Tom Okafor">'), 'Tom Okafor')
  t.equal(digest('<meta itemprop="author" content="Tom Okafor">'), 'Tom Okafor')
  t.equal(
    digest('<meta property="og:site_name" content="Bayside Courier"><meta name="author" content="Bayside Courier">'),
    null,
  )
  t.equal(
    digest(
      '<meta property="og:site_name" content="Bayside Courier"><meta property="article:author" content="Bayside Courier News"><meta name="sailthru.author" content="Tom Okafor">',
    ),
    'Tom Okafor',
    'a later candidate naming a person wins over the site',
  )
})

t.test('digest bylines from the page itself: microdata, rel="author", a printed "By" line', async (t) => {
  const byline = (head: string, top: string) =>
    extractDigest(
      `<html><head>${head}</head><body><header>${top}</header>${ARTICLE}<div class="comments"><p><a rel="author" href="/u/1">Troll</a></p><p><span itemprop="author">Troll</span></p></div></body></html>`,
      'https://baysidecourier.example/a',
      { paragraphs: 1 },
    ).byline
  const cases: Array<[name: string, head: string, top: string, expected: string | null]> = [
    ['microdata', '', '<span itemprop="author" itemscope><span itemprop="name">Tom Okafor</span></span>', 'Tom Okafor'],
    [
      'microdata, two authors side by side',
      '',
      '<p><span itemprop="author">Tom Okafor</span> and <span itemprop="author">Ana Ruiz</span></p>',
      'Tom Okafor and Ana Ruiz',
    ],
    ['rel="author"', '', '<p>Story: <a rel="author" href="/staff/tom">Tom Okafor</a></p>', 'Tom Okafor'],
    [
      'a printed line in another language',
      '',
      '<p class="article-writer">Von Tom Okafor am Samstag, 19. Oktober 2019 um 11:14 Uhr</p>',
      'Tom Okafor',
    ],
    [
      'JSON-LD authors, joined as a list',
      '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Tom Okafor"},{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Lee Chan"}]}</script>',
      '',
      'Tom Okafor, Ana Ruiz and Lee Chan',
    ],
    [
      'meta tags of one kind, joined as a list',
      '<meta property="article:author" content="Tom Okafor"><meta property="article:author" content="Ana Ruiz">',
      '',
      'Tom Okafor and Ana Ruiz',
    ],
  ]
  for (const [name, head, top, expected] of cases) t.equal(byline(head, top), expected, name)
})

t.test('bylines cleaned to names: no dates, desks, degrees or escaped characters', async (t) => {
  const cases: Array<[raw: string | string[], expected: string | null]> = [
    ['Von Isabella Di Biase am Samstag, 19. Oktober 2019 um 11:14 Uhr', 'Isabella Di Biase'],
    ['VON MORITZ GATHMANN am 21. April 2020', 'MORITZ GATHMANN'],
    ['Von Christian Thiele, Dezember 2019', 'Christian Thiele'],
    ['par Jean Dupont le 3 mai 2020', 'Jean Dupont'],
    ['Autor: Petra Ruland', 'Petra Ruland'],
    ['Lindsey O&#8217;Donnell', 'Lindsey O’Donnell'],
    ['Redaktion', null],
    ['Fotos: EL HERALDO/ AFP', null],
    ['von lupa am', 'lupa'],
    ['Redacci&oacute;n Diario Pagina Siete', null],
    ['Staff and news service reports', null],
    ['Fran&ccedil;ois M&uuml;ller &amp; Ana', 'François Müller & Ana'],
    ['von Redaktion', null],
    ['Michael Rädel, Redaktion', 'Michael Rädel'],
    ['Staff Writer', null],
    ['Theresa May', 'Theresa May'],
    ['Bündnis 90/Die Grünen', 'Bündnis /Die Grünen'],
    [['Jane Doe', 'By John Roe', 'Jane Doe'], 'Jane Doe and John Roe'],
    [['A. Writer', 'B. Writer', 'C. Writer'], 'A. Writer, B. Writer and C. Writer'],
  ]
  for (const [raw, expected] of cases) t.equal(cleanByline(raw), expected, JSON.stringify(raw))
})
