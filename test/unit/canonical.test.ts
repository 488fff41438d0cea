import t from 'tap'
import { canonicalOnSameSite } from '../../src/links/canonical.js'

const cases: [string | null, string, string | null, string][] = [
  [
    'https://news.example.com/2016/story',
    'https://news.example.com/2016/story?utm_source=x',
    'https://news.example.com/2016/story',
    'same host',
  ],
  ['https://www.example.com/a', 'https://example.com/a', 'https://www.example.com/a', 'www. is the same site'],
  [
    'https://www.example.com/a',
    'https://m.example.com/a',
    'https://www.example.com/a',
    'a mobile copy is the same site',
  ],
  ['https://example.com/a', 'https://www2.example.com/a', 'https://example.com/a', 'numbered www is the same site'],
  ['https://user:pw@example.com/a', 'https://example.com/a', null, 'credentials are not a web address'],
  ['https://other.org/a', 'https://example.com/a', null, 'another site is ignored'],
  ['https://example.com/', 'https://example.com/a', null, 'the home page is not a canonical article'],
  ['javascript:alert(1)', 'https://example.com/a', null, 'not http'],
  ['not a url', 'https://example.com/a', null, 'garbage'],
  [null, 'https://example.com/a', null, 'none'],
]
for (const [canonical, final, expected, name] of cases) {
  t.equal(canonicalOnSameSite(canonical, final), expected, name)
}
