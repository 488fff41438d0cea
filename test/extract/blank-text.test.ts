import t from 'tap'
import { withoutBlankRuns } from '../../src/extract/blank-text.js'
import { parsePage } from '../../src/extract/parse-page.js'

const indented = '<div class="a">\n  <div class="b">\n    <p>One <b>two</b>.</p>\n  </div>\n</div>'

t.test('withoutBlankRuns', async (t) => {
  const cases: Array<[html: string, expected: string]> = [
    // A blank run after a run of indentation goes; one at a block's edge joins the text on the far side of its tags.
    [indented, '<div class="a"><div class="b"><p>\n  One <b>two</b>.\n  \n</p></div></div>'],
    [
      '<ul>\n  <li>\n    <a href="/a">A</a></li>\n  <li>\n    <a>B</a>\n  </li>\n</ul>',
      '<ul><li><a href="/a">\n  A\n  </a></li><li><a>B\n  </a></li></ul>',
    ],
    // The text on the other side of the tags is in another block, kept apart whatever Readability removes.
    [
      '<span>x</span><div>\n  <p>a</p>\n  </div>\n  <span>y</span>',
      '<span>x</span><div><p>\n  a\n  </p></div><span>\n  y</span>',
    ],
    // Not between inline elements, where a removed one would join the words around it.
    ['<p>a <span>b</span>\n<b>c</b></p>', '<p>a <span>b</span>\n<b>c</b></p>'],
    // Not into a div's own text (Readability asks whether it ends in a blank), nor into a table's.
    ['<div>a</div>\n<div>b</div>', '<div>a</div><div>\nb</div>'],
    ['<table>\n<tr><td>a</td>\n</tr></table>', '<table>\n<tr><td>a\n</td></tr></table>'],
    // A <p> left open may end anywhere.
    ['<p>foo  <div>\n  <span>bar</span></div>', '<p>foo  <div><span>\n  bar</span></div>'],
    // One whitespace character is not a run: a space and a line break differ to Readability's tests.
    ['<div>\n<div>\n<p>a</p></div></div>', '<div>\n<div><p>\na</p></div></div>'],
    ['<p>a  <span>  b</span></p>', '<p>a  <span>  b</span></p>'],
    ['<p>a</p>\n  <br>\n  <p>b</p>', '<p>a</p>\n  <br>\n  <p>b</p>'],
    ['<div>\r\n<div>\r\n<p>a</p></div></div>', '<div>\r\n<div><p>\r\na</p></div></div>'],
    ['<pre>\n  <code>\n    x</code></pre>', '<pre>\n  <code>\n    x</code></pre>'],
    ['<pre>a</pre>\n<pre>\nb</pre>', '<pre>a</pre>\n<pre>\nb</pre>'],
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
