import t from 'tap'
import { Eta } from 'eta'
import { asciiTemplateText } from '../../src/render/ascii-text.js'

const eta = new Eta({ autoEscape: true, plugins: [asciiTemplateText] })
const render = (template: string, data: object = {}) => eta.renderString(template, data)

t.test("the templates' own characters become references; data stays as written", async (t) => {
  const cases: [string, string, object?][] = [
    ['<p>a · b » c</p>', '<p>a &#183; b &#187; c</p>'],
    ['<title><%= it.t %> · Site</title>', '<title>Café · news &#183; Site</title>', { t: 'Café · news' }],
    ['<p>“<%= it.q %>”</p>', '<p>&#8220;a &lt;b&gt;&#8221;</p>', { q: 'a <b>' }],
    ['<p>emoji 📰</p>', '<p>emoji &#128240;</p>'],
    [
      '<style>a::after { content: " · new"; }</style><p>·</p>',
      '<style>a::after { content: " \\b7  new"; }</style><p>&#183;</p>',
    ],
    ['<p>plain ASCII, "quotes" \\ backslash</p>', '<p>plain ASCII, "quotes" \\ backslash</p>'],
  ]
  for (const [template, expected, data] of cases) t.equal(render(template, data), expected, template)
})

t.test('a style element split by a tag still gets CSS escapes', async (t) => {
  const html = render('<style><% for (const n of it.n) { %>.x<%= n %>::after { content: "·"; }<% } %></style>·', {
    n: [1, 2],
  })
  t.equal(html, '<style>.x1::after { content: "\\b7 "; }.x2::after { content: "\\b7 "; }</style>&#183;')
})
