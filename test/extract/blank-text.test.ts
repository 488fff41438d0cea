import t from 'tap'
import { withoutBlankRuns } from '../../src/extract/blank-text.js'
import { parsePage } from '../../src/extract/parse-page.js'

const indented = '<div class="a">\n  <div class="b">\n    <p>One <b>two</b>.</p>\n  </div>\n</div>'

t.test('withoutBlankRuns', async (t) => {
  const cases: Array<[html: string, expected: string]> = [
    // A blank run after a run of indentation goes; after text it stays.
    [indented, '<div class="a">\n  <div class="b"><p>One <b>two</b>.</p>\n  </div></div>'],
    [
      '<ul>\n  <li>\n    <a href="/a">A</a></li>\n  <li>\n    <a>B</a>\n  </li>\n</ul>',
      '<ul>\n  <li><a href="/a">A</a></li>\n  <li><a>B</a>\n  </li></ul>',
    ],
    // Past an end tag only when the element itself came after a run: it may be removed.
    [
      '<span>x</span><div>\n  <p>a</p>\n  </div>\n  <span>y</span>',
      '<span>x</span><div>\n  <p>a</p>\n  </div>\n  <span>y</span>',
    ],
    // A <p> left open may end anywhere.
    ['<p>foo  <div>\n  <span>bar</span></div>', '<p>foo  <div>\n  <span>bar</span></div>'],
    // One whitespace character is not a run: a space and a line break differ to Readability's tests.
    ['<div>\n<div>\n<p>a</p></div></div>', '<div>\n<div>\n<p>a</p></div></div>'],
    ['<p>a  <span>  b</span></p>', '<p>a  <span>  b</span></p>'],
    ['<p>a</p>\n  <br>\n  <p>b</p>', '<p>a</p>\n  <br>\n  <p>b</p>'],
    ['<div>\r\n<div>\r\n<p>a</p></div></div>', '<div>\r\n<div>\r\n<p>a</p></div></div>'],
    ['<pre>\n  <code>\n    x</code></pre>', '<pre>\n  <code>\n    x</code></pre>'],
    ['<div>\n  <title>t  </title>\n  <p>a</p></div>', '<div>\n  <title>t  </title>\n  <p>a</p></div>'],
    ['<div>\n  <!-- x -->\n  <p>a</p></div>', '<div>\n  <!-- x --><p>a</p></div>'],
  ]
  for (const [html, expected] of cases) t.equal(withoutBlankRuns(html), expected, html)
})

t.test('every element reads the same text, whitespace collapsed', async (t) => {
  const page = `<body>\n  <header>\n    <h1>Title</h1>\n  </header>\n  <main>\n    <article>\n      <p>First <a href="/x">link</a> and\n        <em>more</em>.</p>\n      <ul>\n        <li>\n          <span>One</span></li>\n        <li>Two</li>\n      </ul>\n    </article>\n  </main>\n</body>`
  const texts = (html: string) =>
    Array.from(parsePage(html).body.querySelectorAll('*'), (el) =>
      (el.textContent ?? '').trim().replace(/\s{2,}/g, ' '),
    )
  t.same(texts(withoutBlankRuns(page)), texts(page))
  t.ok(withoutBlankRuns(page).length < page.length)
})
