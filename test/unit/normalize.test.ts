import t from 'tap'
import { cleanUrl, linkKey } from '../../src/links/normalize.js'

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

t.test('linkKey matches the same story written differently', async (t) => {
  const same: [string, string][] = [
    ['https://www.example.com/a/', 'http://example.com/a'],
    ['https://example.com/a?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a?utm_campaign=x#top', 'https://EXAMPLE.com/a'],
    ['https://amp.example.com/a/amp', 'https://example.com/a'],
  ]
  for (const [a, b] of same) t.equal(linkKey(a), linkKey(b), `${a} ~ ${b}`)
  const different: [string, string][] = [
    ['https://example.com/a', 'https://example.com/b'],
    ['https://example.com/a?id=1', 'https://example.com/a?id=2'],
    ['https://example.com/A', 'https://example.com/a'],
    ['https://news.example.com/a', 'https://example.com/a'],
  ]
  for (const [a, b] of different) t.not(linkKey(a), linkKey(b), `${a} ≠ ${b}`)
  t.equal(linkKey('https://www.example.com/'), 'example.com')
})
