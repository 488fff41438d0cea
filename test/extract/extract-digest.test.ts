import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { extractDigest } from '../../src/extract/extract-digest.js'
import { DigestFailure } from '../../src/digest/failure.js'
import { ROOT } from '../../src/paths.js'

const PAGES = join(ROOT, 'test', 'fixtures', 'pages')
const page = (name: string) => readFile(join(PAGES, name), 'utf8')
const NOT_ARTICLE = new DigestFailure('not_article', 'The page has no article text we could quote.', true)
const EDITORIAL_URL =
  'https://www.riversideledger.example/opinion/2016/04/06/city-cant-keep-patching-bridges/?utm_source=forum'

const EDITORIAL_PARAGRAPHS = [
  'When the Ninth Street Bridge closed for three days last month, it was not because of a storm or a crash. It closed because an inspector found that a steel bearing had rusted so badly it no longer moved at all, and nobody at City Hall could say when it had last been checked.',
  'That bridge is not an outlier. Of the 41 bridges the city owns, 17 are rated “poor” by the state’s own engineers, and the average span is 62 years old. For a decade the council has treated each one as an emergency to be patched rather than a system to be maintained.',
  'The patching has not been cheap. Emergency contracts cost the city roughly $14 million over the past five years, according to budget documents reviewed by the Ledger, about twice what a planned maintenance program would have cost over the same period.',
  'Mayor Ellen Park has promised a bridge plan “by the end of the year.” She said the same thing in 2014. What the city needs now is not another study but a dedicated line in the budget, protected from the annual scramble, with a public list of which bridges come first and why.',
  'There are reasonable objections. Money set aside for bridges is money not spent on schools or parks, and no council member wants to explain a tax increase for something most residents never think about. But the choice is not between spending and saving; it is between spending on a schedule and spending in a panic.',
  'Other cities have shown how this works. Portland and Pittsburgh both moved to rolling inspection schedules with public scorecards, and both cut their emergency repair bills within three years.',
  'The next closure will not wait for the council’s calendar. Riverside should fund the plan this spring, before the bearings decide for us.',
]

t.test('editorial page: metadata and the first four real paragraphs', async (t) => {
  const digest = extractDigest(await page('editorial.html'), EDITORIAL_URL, { paragraphs: 4 })
  t.equal(digest.title, 'The city can’t keep patching its bridges')
  t.equal(digest.byline, 'Margaret Holloway and Daniel Ruiz')
  t.equal(digest.siteName, 'The Riverside Ledger')
  t.equal(digest.lang, 'en-US')
  t.equal(digest.publishedTime, '2016-04-06T19:00:00-04:00')
  t.equal(digest.modifiedTime, '2016-04-07T05:42:00-04:00')
  t.equal(
    digest.canonicalUrl,
    'https://www.riversideledger.example/opinion/2016/04/06/city-cant-keep-patching-bridges/',
  )
  t.equal(digest.imageUrl, 'https://www.riversideledger.example/images/2016/04/ninth-street-bridge-1200.jpg')
  t.same(digest.excerpt, EDITORIAL_PARAGRAPHS.slice(0, 4))
  t.equal(
    digest.standfirst,
    'Riverside has spent a decade fixing its bridges one pothole at a time. The bill is coming due.',
    'the dek Readability dropped with the header',
  )

  const everything = `${digest.excerpt.join('\n')}\n${digest.text}`
  for (const absent of [
    'hidden by the editors',
    'Another hidden line',
    'Injected by a script',
    'Advertisement',
    'newsletter',
    'Share on Facebook',
    'By MARGARET',
    'Published April 6',
    'enable JavaScript',
    'School board',
    'All rights reserved',
    '<',
  ]) {
    t.notOk(everything.includes(absent), `no "${absent}"`)
  }
})

t.test('editorial page: whole text and paragraph counts', async (t) => {
  const html = await page('editorial.html')
  const digest = extractDigest(html, EDITORIAL_URL, { paragraphs: 10 })
  t.same(digest.excerpt, EDITORIAL_PARAGRAPHS, 'stops at the last real paragraph')
  t.ok(
    digest.text.startsWith(`${EDITORIAL_PARAGRAPHS[0]}\n\n${EDITORIAL_PARAGRAPHS[1]}\n\n`),
    'text: paragraphs with blank lines',
  )
  t.notOk(digest.text.includes('Traffic crosses the Ninth Street Bridge on Tuesday'), 'text leaves out the caption')
  t.ok(digest.text.endsWith(EDITORIAL_PARAGRAPHS[6] ?? ''), 'text ends with the last paragraph')
  t.same(extractDigest(html, EDITORIAL_URL, { paragraphs: 1 }).excerpt, EDITORIAL_PARAGRAPHS.slice(0, 1))
})

t.test('editorial page: maxChars', async (t) => {
  const html = await page('editorial.html')
  const [first = '', second = '', third = ''] = EDITORIAL_PARAGRAPHS
  const twoAndABit = first.length + second.length + 10
  t.same(extractDigest(html, EDITORIAL_URL, { paragraphs: 4, maxChars: twoAndABit }).excerpt, [first, second])
  const exact = first.length + second.length + third.length
  t.same(extractDigest(html, EDITORIAL_URL, { paragraphs: 4, maxChars: exact }).excerpt, [first, second, third])

  const short = extractDigest(html, EDITORIAL_URL, { paragraphs: 4, maxChars: 60 }).excerpt
  t.same(short, ['When the Ninth Street Bridge closed for three days last…'], 'first paragraph cut at a word')
  t.ok(Array.from(short[0] ?? '').length <= 60)
})

t.test('pages without an article fail with not_article', async (t) => {
  for (const name of ['no-article.html', 'link-index.html']) {
    const html = await page(name)
    t.throws(
      () => extractDigest(html, `https://www.riversideledger.example/${name}`, { paragraphs: 4 }),
      NOT_ARTICLE,
      name,
    )
    try {
      extractDigest(html, `https://www.riversideledger.example/${name}`, { paragraphs: 4 })
    } catch (error) {
      t.ok(error instanceof DigestFailure && error.reason === 'not_article' && error.permanent, `${name}: permanent`)
    }
  }
  t.throws(() => extractDigest('', 'https://example.com/', { paragraphs: 4 }), NOT_ARTICLE, 'empty page')
})

t.test('page with only <title> and article:published_time', async (t) => {
  const digest = extractDigest(await page('meta-only.html'), 'https://baysidecourier.example/local/ferry', {
    paragraphs: 2,
  })
  t.equal(digest.title, 'Harbor ferry service returns after two-year hiatus')
  t.equal(digest.byline, null)
  t.equal(digest.siteName, null)
  t.equal(digest.lang, null)
  t.equal(digest.publishedTime, '2024-03-18T08:30:00+00:00')
  t.equal(digest.modifiedTime, null)
  t.equal(digest.canonicalUrl, null)
  t.equal(digest.imageUrl, null)
  t.same(digest.excerpt, [
    'The passenger ferry between Bayside and Port Alder will carry riders again starting Monday, two years after the county suspended the route when its only boat failed a hull inspection.',
    'The county bought a used 149-seat catamaran from a Washington operator last fall and has spent the winter refitting it. Trips will run every 90 minutes on weekdays and every two hours on weekends, with a one-way adult fare of $6.',
  ])
})

const BODY = `
  <p>The passenger ferry between Bayside and Port Alder will carry riders again starting Monday, two years after the
  county suspended the route when its only boat failed a hull inspection.</p>
  <p>The county bought a used 149-seat catamaran from a Washington operator last fall and has spent the winter
  refitting it, and trips will run every 90 minutes on weekdays.</p>`

t.test('og:title with a site tail, <time> in the header, relative and non-http URLs', async (t) => {
  const html = `<!doctype html><html lang="en"><head>
    <title>ignored</title>
    <meta property="og:title" content="Harbor ferry returns | Bayside Courier">
    <meta property="og:site_name" content="Bayside Courier">
    <meta property="og:image" content="javascript:alert(1)">
    <meta name="twitter:image" content="/img/ferry.jpg">
    <meta property="og:url" content="/local/ferry">
    <meta name="author" content="By Tom Okafor | Staff">
    </head><body><article><header><h1>Harbor ferry returns</h1>
    <p class="meta">By Tom Okafor · <time datetime="2024-03-18T08:30:00-07:00">March 18</time></p></header>
    ${BODY}</article></body></html>`
  const digest = extractDigest(html, 'https://baysidecourier.example/local/ferry?ref=x', { paragraphs: 4 })
  t.equal(digest.title, 'Harbor ferry returns')
  t.equal(digest.siteName, 'Bayside Courier')
  t.equal(digest.byline, 'Tom Okafor')
  t.equal(digest.publishedTime, '2024-03-18T08:30:00-07:00')
  t.equal(digest.canonicalUrl, 'https://baysidecourier.example/local/ferry')
  t.equal(digest.imageUrl, 'https://baysidecourier.example/img/ferry.jpg')
  t.equal(digest.excerpt.length, 2)
})

t.test('JSON-LD @graph with references, unparseable dates', async (t) => {
  const ld = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', '@id': '#site', name: 'Bayside Courier' },
      { '@type': 'Organization', '@id': '#org', name: 'Bayside Courier Media' },
      { '@type': 'Person', '@id': '#tom', name: 'Tom Okafor' },
      {
        '@type': ['ReportageNewsArticle'],
        headline: 'Harbor ferry returns',
        author: { '@id': '#tom' },
        publisher: { '@id': '#org' },
        datePublished: 'sometime last week',
        dateModified: '2024-03-19T10:00:00+00:00',
        image: { '@type': 'ImageObject', url: 'https://cdn.example/ferry.jpg' },
      },
    ],
  }
  const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
    <body><article>${BODY}</article></body></html>`
  const digest = extractDigest(html, 'https://baysidecourier.example/local/ferry', { paragraphs: 4 })
  t.equal(digest.byline, 'Tom Okafor')
  t.equal(digest.siteName, 'Bayside Courier Media')
  t.equal(digest.publishedTime, null)
  t.equal(digest.modifiedTime, '2024-03-19T10:00:00+00:00')
  t.equal(digest.imageUrl, 'https://cdn.example/ferry.jpg')
})

/** A short story's dek and first two paragraphs, set among different furniture by the tests below. */
const BRIDGES = {
  dek: 'A decade of patching has left the city with bridges it cannot afford to close. What would it take?',
  lede: 'When the Ninth Street Bridge closed for three days last month, it was not because of a storm or a crash, but because a bearing had rusted solid.',
  second:
    'Of the 41 bridges the city owns, 17 are rated poor by the state’s own engineers, and the average span is 62 years old.',
}

t.test('the excerpt starts with the lede on a page with every kind of furniture around it', async (t) => {
  const { lede, second } = BRIDGES
  const quote = 'We have patched the same bridge four times in ten years'
  const third = `“${quote},” said Ana Ortiz, the city engineer, who has asked the council for a maintenance budget every year since 2016.`
  const html = `<!doctype html><html lang="en"><head><title>Riverside’s bridges are failing</title></head><body>
    <p class="crumbs">News » Local » Bridges</p>
    <article>
      <h1>Riverside’s bridges are failing</h1>
      <p class="summary">A decade of patching has left the city with bridges it cannot afford to close.</p>
      <p>By Jane Doe, John Roe on Monday, November 18th, 2019 at 11:08 a.m.</p>
      <p><em>This post may contain affiliate links. We may earn a commission.</em></p>
      <div class="media"><img src="/bridge.jpg" alt=""><span>The Ninth Street Bridge on Tuesday. Jane Doe</span></div>
      <blockquote class="pull">“${quote}”</blockquote>
      <p>${lede}</p>
      <p>${second.replace('the state’s own engineers', 'the <span class="name"><a href="/engineers">state’s own engineers</a><span class="hovercard">State Bridge Office, Albany</span></span>')}</p>
      <p>${third}</p>
      <p>Let our news meet your inbox. The bridges, the budget and the rest, every weekday.</p>
      <div class="comments"><p>Great piece, and about time someone said it out loud.</p></div>
    </article></body></html>`
  const digest = extractDigest(html, 'https://ledger.example/news/2019/11/18/bridges/', { paragraphs: 4 })
  t.same(digest.excerpt, [lede, second, third])
  t.equal(digest.standfirst, 'A decade of patching has left the city with bridges it cannot afford to close.')
  t.equal(digest.text, [digest.standfirst, lede, second, third].join('\n\n'), 'the dek is part of the text')
})

t.test('a dek Readability keeps as the first paragraph is the standfirst, not the lede', async (t) => {
  const { dek, lede, second } = BRIDGES
  const html = `<!doctype html><html lang="en"><head><title>Riverside’s bridges are failing</title></head><body>
    <main><article><header>
      <div class="item"><h1>Riverside’s bridges are failing</h1></div>
      <div class="item"><div class="summary">${dek}</div><div class="byline">By Jane Doe</div></div>
    </header>
    <div class="body"><p>${lede}</p><p>${second}</p><p>${second.replace('41', 'forty-one')}</p></div>
    </article></main></body></html>`
  const digest = extractDigest(html, 'https://ledger.example/news/2019/11/18/bridges/', { paragraphs: 2 })
  t.equal(digest.standfirst, dek)
  t.same(digest.excerpt, [lede, second])
})

t.test('a post’s excerpt set over its photo is the standfirst, not the lede', async (t) => {
  const { dek, lede, second } = BRIDGES
  const html = `<!doctype html><html lang="en"><head><title>Riverside’s bridges are failing</title></head><body>
    <main><article><h1>Riverside’s bridges are failing</h1>
    <div class="content">
      <div class="post__excerpt"><p>${dek}</p></div>
      <div class="wp-caption"><img src="bridge.jpg"><p>The Ninth Street Bridge. Photo: Jane Doe</p></div>
      <p>${lede}</p><p>${second}</p><p>${second.replace('41', 'forty-one')}</p>
    </div></article></main></body></html>`
  const digest = extractDigest(html, 'https://ledger.example/news/2019/11/18/bridges/', { paragraphs: 2 })
  t.equal(digest.standfirst, dek)
  t.same(digest.excerpt, [lede, second])
})

t.test('an agency story’s <abstract> is the standfirst, not the lede', async (t) => {
  const { dek, lede, second } = BRIDGES
  const html = `<!doctype html><html lang="de"><head><title>Riverside’s bridges are failing</title></head><body>
    <main><h1>Riverside’s bridges are failing</h1>
    <div class="article"><p>Source: Wire</p><byline>By Jane Doe, Wire</byline>
      <abstract><p>${dek}</p></abstract>
      <p>RIVERSIDE (Wire) - ${lede}</p><p>${second}</p><p>${second.replace('41', 'forty-one')}</p>
    </div></main></body></html>`
  const digest = extractDigest(html, 'https://ledger.example/news/bridges', { paragraphs: 2 })
  t.equal(digest.standfirst, dek)
  t.same(digest.excerpt, [`RIVERSIDE (Wire) - ${lede}`, second])
})

t.test('a line named as the author’s meta, with a date and a bold summary, is not the lede', async (t) => {
  const { dek, lede, second } = BRIDGES
  const html = `<!doctype html><html lang="en"><head><title>Riverside’s bridges are failing</title></head><body>
    <main><article><h1>Riverside’s bridges are failing</h1>
    <div class="entry-content"><p class="author-meta"><em><a href="mailto:desk@ledger.example">Desk</a> / </em>
      <em><time datetime="2019-11-18T10:38:50+01:00">18.11.2019</time></em> <strong>${dek}</strong></p></div>
    <div class="entry-content"><p>${lede}</p><p>${second}</p><p>${second.replace('41', 'forty-one')}</p></div>
    </article></main></body></html>`
  const digest = extractDigest(html, 'https://ledger.example/news/bridges', { paragraphs: 2 })
  t.same(digest.excerpt, [lede, second])
})

t.test('the story’s own teaser is the standfirst; a teaser card for another page is not', async (t) => {
  const { dek, lede, second } = BRIDGES
  const page = (
    teaser: string,
  ) => `<!doctype html><html lang="en"><head><title>Riverside’s bridges are failing</title></head><body>
    <main><div class="article"><div class="article-intro"><h1>Riverside’s bridges are failing</h1>${teaser}</div>
    <div class="article-content"><p>${lede}</p><p>${second}</p><p>${second.replace('41', 'forty-one')}</p></div>
    </div></main></body></html>`
  // The card parts of the page's own meta line ("teaser__meta") are passed over on the way to the dek.
  for (const teaser of [
    `<p class="article-teaser">${dek}</p>`,
    `<div class="teaser__meta">18.11.2019 · 3 min read</div><div class="article-teaser text--intro">${dek}</div>`,
  ]) {
    const own = extractDigest(page(teaser), 'https://ledger.example/bridges', { paragraphs: 2 })
    t.equal(own.standfirst, dek, teaser)
    t.same(own.excerpt, [lede, second])
  }
  const cards = [
    `<div class="cms_teaser"><div class="cms_teaser_title">${dek}</div><div class="cms_teaser_content">Read <a href="/history">the history</a>.</div></div>`,
    `<article class="column-teaser"><h4><a href="/people/jane-doe">Jane Doe</a></h4><p>${dek}</p></article>`,
  ]
  for (const card of cards) {
    const digest = extractDigest(page(card), 'https://ledger.example/bridges', { paragraphs: 2 })
    t.not(digest.standfirst, dek, card)
  }
})

t.test('no standfirst from the site’s tagline or a photo’s description', async (t) => {
  const { lede } = BRIDGES
  const page = (
    header: string,
  ) => `<!doctype html><html lang="en"><head><title>Riverside’s bridges are failing</title></head><body>
    ${header}
    <article><h1>Riverside’s bridges are failing</h1>
    <div class="caption"><div class="text-description">The Ninth Street Bridge, closed since Tuesday, seen from the river bank.</div></div>
    <p>${lede}</p><p>${lede.replace('three', 'four')}</p></article></body></html>`
  const tagline =
    '<header><h1 class="site-title">The Ledger</h1><h2 class="site-description">News and views from the river towns since 1921.</h2></header>'
  for (const header of [tagline, '']) {
    const digest = extractDigest(page(header), 'https://ledger.example/news/2019/11/18/bridges/', { paragraphs: 1 })
    t.equal(digest.standfirst, null, header ? 'a site description under the site title' : 'a description in a caption')
    t.same(digest.excerpt, [lede])
  }
})
