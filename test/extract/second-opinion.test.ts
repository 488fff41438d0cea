import { JSDOM } from 'jsdom'
import t from 'tap'
import { readArticle } from '../../src/extract/second-opinion.js'

const LEDE =
  'The Ninth Street Bridge closed for three days last month, not because of a storm or a crash, but because a bearing had rusted solid.'
const SECOND =
  'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers, and the average span is 62 years old.'
const messages = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('')
const FORM_MESSAGES = messages([
  'Something went wrong, sorry. Please try again, or later.',
  'This address is already registered, with us, for the letter.',
  'Error: please enter a valid address, with an @ in it, to go on.',
  'Thank you, you are signed up. Look for our mail, and confirm it.',
  'The password needs eight characters, a digit, and a capital.',
  'Please choose a display name, of at most twenty characters.',
])
const page = (box: string) => `<!doctype html><html><head><title>Bridge closed</title></head><body>
  <article><h1>Bridge closed</h1><div class="text"><p>${LEDE}</p><p>${SECOND}</p></div></article>
  ${box}</body></html>`

const read = (html: string) => {
  const parse = () => new JSDOM(html).window.document
  return readArticle(parse(), parse)?.content?.textContent ?? ''
}

t.test('a form, pop-up or author box Readability takes for the article is set aside', async (t) => {
  const boxes: Array<[name: string, box: string]> = [
    ['a newsletter form', `<div class="wrap wrap-form">${FORM_MESSAGES}</div>`],
    ['a dialog', `<div role="dialog">${FORM_MESSAGES}</div>`],
    ['a welcome overlay', `<div id="welcome-overlay">${FORM_MESSAGES}</div>`],
    ['an author box', `<div class="author-description">${FORM_MESSAGES}</div>`],
  ]
  for (const [name, box] of boxes) {
    const text = read(page(box))
    t.match(text, LEDE, name)
    t.notMatch(text, 'already registered', name)
  }
})

t.test('a container without running text is set aside for one that has it', async (t) => {
  const rows = Array.from(
    { length: 60 },
    (_, i) =>
      `<tr><td>Ward ${i}, north bank, old town, by the river</td><td>Jane Doe, member${i}@council.example</td></tr>`,
  )
  const text = read(page(`<div><table>${rows.join('')}</table></div>`))
  t.match(text, LEDE)
})

t.test('an article named like a box stays when nothing better is found', async (t) => {
  const html = `<!doctype html><html><body><div class="post-form"><p>${LEDE}</p><p>${SECOND}</p></div></body></html>`
  t.match(read(html), LEDE)
})
