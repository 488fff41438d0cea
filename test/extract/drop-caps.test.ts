import { JSDOM } from 'jsdom'
import t from 'tap'
import { collectBlocks } from '../../src/extract/blocks.js'
import { joinDropCaps } from '../../src/extract/drop-caps.js'

const paragraphs = (html: string) => {
  const root = new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!
  joinDropCaps(root)
  return collectBlocks(root).map((block) => block.text)
}

t.test('a drop cap set before its paragraph goes back in front of it', async (t) => {
  const cases: Array<[name: string, html: string, expected: string]> = [
    [
      'a letter in a span beside the paragraph',
      '<div><span class="x1">T</span><p><a href="/t">urkey</a>, Poland and Saba were removed from the list.</p></div>',
      'Turkey, Poland and Saba were removed from the list.',
    ],
    [
      'a letter that is a word',
      '<div><b>A</b>\n<p> man walked into the hall on Tuesday.</p></div>',
      'A man walked into the hall on Tuesday.',
    ],
    [
      'after an opening quote',
      '<span>“W</span><p>e are not done,” she said on Friday.</p>',
      '“We are not done,” she said on Friday.',
    ],
  ]
  for (const [name, html, expected] of cases) t.same(paragraphs(html), [expected], name)
})

t.test('what is not a drop cap stays where it is', async (t) => {
  const cases: Array<[name: string, html: string, expected: string[]]> = [
    ['a paragraph that starts a sentence', '<span>B</span><p>The list grew.</p>', ['B', 'The list grew.']],
    ['a label of a word', '<span>Update</span><p>the list grew.</p>', ['Update', 'the list grew.']],
    ['text between the two', '<div>Part B <p>the list grew.</p></div>', ['Part B', 'the list grew.']],
  ]
  for (const [name, html, expected] of cases) t.same(paragraphs(html), expected, name)
})
