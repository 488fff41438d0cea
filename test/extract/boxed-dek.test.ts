import { JSDOM } from 'jsdom'
import t from 'tap'
import { collectBlocks } from '../../src/extract/blocks.js'
import { findBoxedDek } from '../../src/extract/boxed-dek.js'
import { findStandfirst, quotableParagraphs } from '../../src/extract/excerpt.js'

const TITLE = 'The city can’t keep patching its bridges'
const DEK = 'Seventeen of the city’s bridges are rated poor. The money to fix them ran out last spring.'
const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'
const SECOND =
  'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers, and the average span is 62 years old.'
const THIRD = 'The council has known for years; the engineers’ reports have been on its desk since the spring.'

const read = (html: string) => {
  const root = new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!
  const blocks = collectBlocks(root, findBoxedDek(root))
  return { standfirst: findStandfirst(blocks, TITLE), paragraphs: quotableParagraphs(blocks, TITLE) }
}
const body = (p: string) => `<div class="text">${p}${LEDE}</p>${p}${SECOND}</p>${p}${THIRD}</p></div>`

t.test('a short first paragraph marked up apart from the story, in a box of its own, is the dek', async (t) => {
  const cases: Array<[name: string, html: string]> = [
    ['a classed box above plain paragraphs', `<p class="flash">${DEK}</p><p>Updated 12.05.2022</p>${body('<p>')}`],
    ['a plain box above classed paragraphs', `<div class="top"><p>${DEK}</p></div>${body('<p class="body-text">')}`],
  ]
  for (const [name, html] of cases) t.same(read(html), { standfirst: DEK, paragraphs: [LEDE, SECOND, THIRD] }, name)
})

t.test('what is not a boxed dek stays the lede', async (t) => {
  const cases: Array<[name: string, html: string]> = [
    [
      'a lede in a class of its own among the story’s paragraphs',
      `<div><p class="first">${DEK}</p><p>${LEDE}</p><p>${SECOND}</p></div>`,
    ],
    [
      'paragraphs each in a box of their own',
      `<div><p>${DEK}</p></div><div><p>${LEDE}</p></div><div><p>${SECOND}</p></div>`,
    ],
    ['a long opening', `<p class="intro">${`${DEK} `.repeat(5).trim()}</p>${body('<p>')}`],
  ]
  for (const [name, html] of cases) {
    const got = read(html)
    t.equal(got.standfirst, null, name)
    t.equal(got.paragraphs[0]!.slice(0, 20), html.replace(/<[^>]+>/g, '').slice(0, 20), name)
  }
})
