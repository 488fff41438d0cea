import t from 'tap'
import { URL_MAX } from '../../src/limits.js'
import { readSubmittedUrl } from '../../src/links/submitted-url.js'
import { isWebUrl, parseWebUrl } from '../../src/links/web-url.js'

t.test('a submitted link: the URL, or a typed reason in plain words', async (t) => {
  const cases: [string, string | undefined, RegExp | string][] = [
    ['https://example.com/a', undefined, 'https://example.com/a'],
    ['  http://example.com/a?b=1  ', undefined, 'http://example.com/a?b=1'],
    ['HTTPS://EXAMPLE.com', undefined, 'https://example.com/'],
    ['', 'empty', 'Paste the link of a news article.'],
    ['   ', 'empty', 'Paste the link of a news article.'],
    [`https://example.com/${'a'.repeat(URL_MAX)}`, 'too_long', `Links are at most ${URL_MAX} characters long.`],
    ['not a link', 'not_a_url', '"not a link" is not a web address; paste a link starting with https://.'],
    ['example.com/story', 'not_a_url', /is not a web address/],
    ['/story', 'not_a_url', /is not a web address/],
    ['ftp://example.com/file', 'not_http', 'Only http:// and https:// links can be posted.'],
    ['javascript:alert(1)', 'not_http', 'Only http:// and https:// links can be posted.'],
    ['mailto:editor@example.com', 'not_http', 'Only http:// and https:// links can be posted.'],
    ['https://user:pw@example.com/a', 'has_credentials', 'Links with a user name or password cannot be posted.'],
    ['https://user@example.com/a', 'has_credentials', 'Links with a user name or password cannot be posted.'],
  ]
  for (const [raw, problem, expected] of cases) {
    const read = readSubmittedUrl(raw)
    const name = JSON.stringify(raw.slice(0, 40))
    t.equal(read.problem, problem, name)
    if (read.problem) t.match(read.message, expected, name)
    else t.equal(read.url.href, expected, name)
  }
})

t.test('web addresses elsewhere: relative ones resolve against their page', async (t) => {
  const cases: [string | null, string | undefined, string | null][] = [
    ['/img/a.jpg', 'https://example.com/news/story', 'https://example.com/img/a.jpg'],
    ['b.html', 'https://example.com/news/story', 'https://example.com/news/b.html'],
    ['//cdn.example.net/a.jpg', 'https://example.com/', 'https://cdn.example.net/a.jpg'],
    ['data:image/png;base64,AAAA', 'https://example.com/', null],
    ['javascript:void(0)', 'https://example.com/', null],
    ['/relative', undefined, null],
    [null, 'https://example.com/', null],
  ]
  for (const [raw, base, expected] of cases) t.equal(parseWebUrl(raw, base)?.href ?? null, expected, String(raw))
  t.ok(isWebUrl('https://example.com/a'))
  t.notOk(isWebUrl('javascript:alert(1)'))
  t.notOk(isWebUrl(null))
})
