import t from 'tap'
import { renderPostText, sanitizePostHtml } from '../../src/render/post-text.js'

const link = (href: string, text = href) => `<a href="${href}" rel="nofollow ugc noopener">${text}</a>`

t.test('plain text reads as it did before Markdown: paragraphs, line breaks, bare links', async (t) => {
  const cases: [string, string][] = [
    ['one\n\ntwo', '<p>one</p>\n<p>two</p>'],
    ['line\nbreak', '<p>line<br />\nbreak</p>'],
    ['windows\r\nline', '<p>windows<br />\nline</p>'],
    ['see https://example.com/a?b=1&c=2.', `<p>see ${link('https://example.com/a?b=1&amp;c=2')}.</p>`],
    ['(http://x.org/y)', `<p>(${link('http://x.org/y')})</p>`],
    ['example.com and www.example.com stay text', '<p>example.com and www.example.com stay text</p>'],
    ['"quoted" & \'single\'', '<p>"quoted" &amp; \'single\'</p>'],
  ]
  for (const [input, expected] of cases) t.equal(renderPostText(input), expected, input)
})

t.test('the Markdown subset: emphasis, quotes, lists, links, code', async (t) => {
  const cases: [string, string][] = [
    ['*em* and **strong**', '<p><em>em</em> and <strong>strong</strong></p>'],
    ['> alice wrote:\n> hi\n\nyes', '<blockquote>\n<p>alice wrote:<br />\nhi</p>\n</blockquote>\n<p>yes</p>'],
    ['- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>'],
    ['3. c\n4. d', '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>'],
    ['[the story](https://example.com/s)', `<p>${link('https://example.com/s', 'the story')}</p>`],
    ['<https://example.com/x>', `<p>${link('https://example.com/x')}</p>`],
    ['use `a < b`', '<p>use <code>a &lt; b</code></p>'],
    ['```\nif (a < b) {}\n```', '<pre><code>if (a &lt; b) {}\n</code></pre>'],
  ]
  for (const [input, expected] of cases) t.equal(renderPostText(input), expected, input)
})

t.test('nothing unsafe gets through: raw HTML, scripts, other schemes, images, headings', async (t) => {
  const cases: [string, string][] = [
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<b onclick="x()">raw</b>', '<p>&lt;b onclick="x()"&gt;raw&lt;/b&gt;</p>'],
    ['<img src=x onerror=alert(1)>', '<p>&lt;img src=x onerror=alert(1)&gt;</p>'],
    ['[click](javascript:alert(1))', '<p>[click](javascript:alert(1))</p>'],
    ['[click](JaVaScRiPt:alert(1))', '<p>[click](JaVaScRiPt:alert(1))</p>'],
    ['[data](data:text/html,<b>x</b>)', '<p>[data](data:text/html,&lt;b&gt;x&lt;/b&gt;)</p>'],
    ['[rel](//evil.example/x)', '<p>[rel](//evil.example/x)</p>'],
    ['javascript:alert(1)', '<p>javascript:alert(1)</p>'],
    ['![a picture](https://example.com/p.png)', `<p>!${link('https://example.com/p.png', 'a picture')}</p>`],
    ['# Not a heading', '<p># Not a heading</p>'],
    ['[q](https://x.example/"onmouseover="y)', `<p>${link('https://x.example/%22onmouseover=%22y', 'q')}</p>`],
  ]
  for (const [input, expected] of cases) t.equal(renderPostText(input), expected, input)
})

t.test('the sanitiser, on HTML the renderer never makes, keeps only the allow-list', async (t) => {
  const cases: [string, string][] = [
    ['<p onclick="x()">a<script>alert(1)</script></p>', '<p>a&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['<a href="javascript:alert(1)">j</a>', `<a rel="nofollow ugc noopener">j</a>`],
    ['<a href="https://ok.example/" rel="opener" target="_blank">k</a>', link('https://ok.example/', 'k')],
    ['<img src="https://x.example/p.png">', '&lt;img /&gt;'],
    ['<iframe src="https://x.example/"></iframe>', '&lt;iframe&gt;&lt;/iframe&gt;'],
    ['<blockquote style="color:red" class="x">q</blockquote>', '<blockquote>q</blockquote>'],
  ]
  for (const [input, expected] of cases) t.equal(sanitizePostHtml(input), expected, input)
})
