import t from 'tap'
import { cleanUrl, fetchUrlOf, linkKey, linkOf } from '../../src/links/normalize.js'
import { siteOf } from '../../src/links/site.js'

t.test('cleanUrl keeps the page and drops what is not part of it', async (t) => {
  const cases: [string, string][] = [
    ['HTTPS://News.Example.COM./a/Story', 'https://news.example.com/a/Story'],
    ['https://example.com:443/a#comments', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['https://example.com/a?utm_source=tw&utm_medium=social&id=7', 'https://example.com/a?id=7'],
    ['https://example.com/a?fbclid=xyz&gclid=1&mc_eid=2&mc_cid=3', 'https://example.com/a'],
    ['https://example.com/a?page=2&igshid=abc', 'https://example.com/a?page=2'],
    ['https://amp.example.com/a', 'https://example.com/a'],
    ['https://example.com/2016/04/story/amp/', 'https://example.com/2016/04/story/'],
    ['https://example.com/amp/2016/04/story', 'https://example.com/2016/04/story'],
    ['https://example.com/story.amp.html', 'https://example.com/story.html'],
    ['https://example.com/story?outputType=amp', 'https://example.com/story'],
    ['https://example.com/story?outputType=print', 'https://example.com/story?outputType=print'],
    ['https://www.google.com/amp/s/www.example.com/2016/story.amp.html', 'https://www.example.com/2016/story.html'],
    ['https://www-example-com.cdn.ampproject.org/c/s/www.example.com/2016/story', 'https://www.example.com/2016/story'],
    ['https://user:pw@example.com/a', 'https://example.com/a'],
  ]
  for (const [input, expected] of cases) t.equal(cleanUrl(input), expected, input)
})

t.test('the worker fetches the clean URL, keeping the address it was given', async (t) => {
  const cases: [string, string][] = [
    ['https://www.example.com/a?utm_source=x#top', 'https://www.example.com/a'],
    ['https://m.example.com/a/index.htm', 'https://m.example.com/a/index.htm'],
    ['https://youtu.be/abc123?si=share', 'https://youtu.be/abc123?si=share'],
  ]
  for (const [input, expected] of cases) t.equal(fetchUrlOf(input), expected, input)
})

t.test('siteOf: the one name of a site', async (t) => {
  const cases: [string, string, string][] = [
    ['www.example.com', 'example.com', 'www.'],
    ['WWW.Example.COM.', 'example.com', 'case and root dot'],
    ['www2.example.com', 'example.com', 'numbered www'],
    ['www4.example.co.uk', 'example.co.uk', 'numbered www, two-label suffix'],
    ['www10.org', 'www10.org', 'nothing but a suffix would be left'],
    ['m.example.com', 'example.com', 'mobile copy'],
    ['mobile.example.com', 'example.com', 'mobile copy, long form'],
    ['en.m.wikipedia.org', 'en.wikipedia.org', 'mobile label inside the name'],
    ['m.com', 'm.com', 'a site called m'],
    ['web.example.com', 'web.example.com', 'other prefixes stay'],
    ['news.example.com', 'news.example.com', 'subdomains stay'],
    ['127.0.0.1', '127.0.0.1', 'addresses stay'],
  ]
  for (const [host, site, name] of cases) t.equal(siteOf(host), site, `${name}: ${host}`)
})

/** One table per rule: [input, key]. */
const RULES: Record<string, [string, string][]> = {
  'scheme, www. and trailing slash': [
    ['https://example.com', 'example.com'],
    ['http://www.example.com/', 'example.com'],
    ['https://www.example.com/a/', 'example.com/a'],
    ['https://e.co.uk', 'e.co.uk'],
  ],
  'numbered www hosts': [
    ['https://www2.example.com/a', 'example.com/a'],
    ['https://www4.example.com/a', 'example.com/a'],
    ['https://www10.example.org', 'example.org'],
    ['https://www10.org', 'www10.org'],
  ],
  'index.html and .htm': [
    ['https://example.com/index.html', 'example.com'],
    ['https://example.com/news/index.html', 'example.com/news'],
    ['https://example.com/news/index.htm', 'example.com/news'],
    ['https://example.com/story.htm', 'example.com/story.html'],
    ['https://example.com/story.html', 'example.com/story.html'],
    ['https://example.com/reindex.html', 'example.com/reindex.html'],
  ],
  'mobile hosts': [
    ['https://m.example.com/a', 'example.com/a'],
    ['https://mobile.example.com/a', 'example.com/a'],
    ['https://en.m.wikipedia.org/wiki/Bridge', 'en.wikipedia.org/wiki/Bridge'],
  ],
  'query sorted, trackers dropped': [
    ['https://example.com/a?b=2&a=1', 'example.com/a?a=1&b=2'],
    ['https://example.com/a?utm_campaign=x&id=3#top', 'example.com/a?id=3'],
  ],
  'YouTube videos and playlists': [
    ['https://youtube.com/watch?v=asdf', 'youtube.com/watch?v=asdf'],
    ['https://youtube.com/watch?v=asdf_123', 'youtube.com/watch?v=asdf_123'],
    ['https://www.youtube.com/watch?v=asdf', 'youtube.com/watch?v=asdf'],
    ['https://m.youtube.com/watch?v=asdf', 'youtube.com/watch?v=asdf'],
    ['https://youtu.be/asdf', 'youtube.com/watch?v=asdf'],
    ['https://youtu.be/asdf?si=x&t=42', 'youtube.com/watch?v=asdf'],
    ['https://youtube.com/watch?v=asdf&list=foo', 'youtube.com/watch?v=asdf'],
    ['https://youtube.com/watch?v=asdf&list=foo&index=3&t=10s', 'youtube.com/watch?v=asdf'],
    ['https://www.youtube.com/shorts/asdf', 'youtube.com/watch?v=asdf'],
    ['https://www.youtube.com/embed/asdf', 'youtube.com/watch?v=asdf'],
    ['https://youtube.com/playlist?list=foo', 'youtube.com/playlist?list=foo'],
    ['https://youtube.com/playlist?list=foo&index=1', 'youtube.com/playlist?list=foo'],
    ['https://youtube.com/playlist?index=1&list=foo', 'youtube.com/playlist?list=foo'],
    ['https://youtube.com/@channel', 'youtube.com/@channel'],
  ],
  'arXiv abstract and PDF': [
    ['https://www.arxiv.org', 'arxiv.org'],
    ['https://arxiv.org/abs/1234.12345', 'arxiv.org/abs/1234.12345'],
    ['https://arxiv.org/pdf/1234.12345', 'arxiv.org/abs/1234.12345'],
    ['https://arxiv.org/abs/1234.12345.pdf', 'arxiv.org/abs/1234.12345'],
    ['https://arxiv.org/abs/2311.09394v2', 'arxiv.org/abs/2311.09394v2'],
    ['https://arxiv.org/pdf/2311.09394v2.pdf', 'arxiv.org/abs/2311.09394v2'],
    ['https://arxiv.org/html/2311.09394v2', 'arxiv.org/abs/2311.09394v2'],
    ['https://arxiv.org/pdf/hep-th/9901001', 'arxiv.org/abs/hep-th/9901001'],
  ],
  'RFCs as HTML, text, PDF, XML or info page': [
    ['https://www.rfc-editor.org/rfc/rfc9338.html', 'rfc-editor.org/rfc/9338'],
    ['https://www.rfc-editor.org/rfc/rfc9338.txt', 'rfc-editor.org/rfc/9338'],
    ['https://www.rfc-editor.org/rfc/rfc9338.pdf', 'rfc-editor.org/rfc/9338'],
    ['https://www.rfc-editor.org/rfc/rfc9338.xml', 'rfc-editor.org/rfc/9338'],
    ['https://www.rfc-editor.org/rfc/rfc9338', 'rfc-editor.org/rfc/9338'],
    ['https://www.rfc-editor.org/info/rfc9338', 'rfc-editor.org/rfc/9338'],
    ['https://rfc-editor.org/rfc/rfc9338.html', 'rfc-editor.org/rfc/9338'],
    ['https://datatracker.ietf.org/doc/html/rfc9338', 'rfc-editor.org/rfc/9338'],
    ['https://datatracker.ietf.org/doc/rfc9338/', 'rfc-editor.org/rfc/9338'],
    ['https://tools.ietf.org/html/rfc9338', 'rfc-editor.org/rfc/9338'],
    ['https://www.rfc-editor.org/rfc/rfc0791.txt', 'rfc-editor.org/rfc/791'],
  ],
}

for (const [rule, cases] of Object.entries(RULES)) {
  t.test(`linkKey: ${rule}`, async (t) => {
    for (const [input, key] of cases) t.equal(linkKey(input), key, input)
  })
}

t.test('linkKey keeps apart what is not the same story', async (t) => {
  const different: [string, string][] = [
    ['https://example.com/a', 'https://example.com/b'],
    ['https://example.com/a?id=1', 'https://example.com/a?id=2'],
    ['https://example.com/A', 'https://example.com/a'],
    ['https://news.example.com/a', 'https://example.com/a'],
    ['https://example.com:8080/a', 'https://example.com/a'],
    ['https://youtube.com/watch?v=a', 'https://youtube.com/watch?v=b'],
    ['https://arxiv.org/abs/2311.09394v1', 'https://arxiv.org/abs/2311.09394v2'],
  ]
  for (const [a, b] of different) t.not(linkKey(a), linkKey(b), `${a} ≠ ${b}`)
})

t.test('linkOf carries the URL with its key', async (t) => {
  t.same(linkOf('https://www.example.com/a/'), { url: 'https://www.example.com/a/', key: 'example.com/a' })
})
