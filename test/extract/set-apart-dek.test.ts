import { JSDOM } from 'jsdom'
import t from 'tap'
import { collectBlocks } from '../../src/extract/blocks.js'
import { findStandfirst, quotableParagraphs } from '../../src/extract/excerpt.js'
import { markSetApartDek } from '../../src/extract/set-apart-dek.js'

const TITLE = 'The city can’t keep patching its bridges'
const DEK = 'Seventeen of the city’s bridges are rated poor, and the money to fix them ran out last spring.'
const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'
const SECOND =
  'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers, and the average span is 62 years old.'
const THIRD = 'The council has known for years; the engineers’ reports have been on its desk since the spring.'

const read = (html: string) => {
  const blocks = markSetApartDek(
    collectBlocks(new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!),
    TITLE,
  )
  return { standfirst: findStandfirst(blocks, TITLE), paragraphs: quotableParagraphs(blocks, TITLE) }
}
const body = `<p>${LEDE}</p><p>${SECOND}</p><p>${THIRD}</p>`

t.test('a dek set as a heading or a bold box above plain paragraphs is the standfirst, not the lede', async (t) => {
  const cases: Array<[name: string, html: string]> = [
    ['an <h2> with a lead class', `<h2 class="article-lead">${DEK}</h2><p>By Jane Doe</p>${body}`],
    ['an italic <h5>', `<h5><em>${DEK}</em></h5><p>Updated: 12.05.2022, 14:30</p>${body}`],
    ['an <h3> over the author’s name', `<h3>${DEK}</h3><div>Jane Doe</div><figure>Traffic on Tuesday.</figure>${body}`],
    ['a bold box of loose text', `<div><strong>${DEK}</strong></div><p>By Jane Doe</p>${body}`],
  ]
  for (const [name, html] of cases) t.same(read(html), { standfirst: DEK, paragraphs: [LEDE, SECOND, THIRD] }, name)
})

t.test('what is not a set-apart dek stays where it is', async (t) => {
  const cases: Array<[name: string, html: string, expected: string[]]> = [
    // A story written all in headings has no plain body below its first one.
    // The lede set large: the byline is above it, or there is none.
    ['a heading straight above the body', `<h2>${DEK}</h2>${body}`, [DEK, LEDE]],
    ['a heading above only a photo', `<h2>${DEK}</h2><figure>Traffic on Tuesday.</figure>${body}`, [DEK, LEDE]],
    ['headings all the way down', `<h2>${DEK}</h2><p>By Jane Doe</p><h2>${LEDE}</h2>${body}`, [DEK, LEDE]],
    ['a single paragraph under it', `<h2>${DEK}</h2><p>By Jane Doe</p><p>${LEDE}</p>`, [DEK, LEDE]],
    ['a bold opening paragraph of the body', `<p><b>${DEK}</b></p><p>By Jane Doe</p>${body}`, [DEK, LEDE]],
    [
      'a long opening set large',
      `<h2>${`${DEK} `.repeat(5).trim()}</h2><p>By Jane Doe</p>${body}`,
      [`${DEK} `.repeat(5).trim(), LEDE],
    ],
  ]
  for (const [name, html, expected] of cases) {
    const got = read(html)
    t.equal(got.standfirst, null, name)
    t.same(got.paragraphs.slice(0, 2), expected, name)
  }
})
