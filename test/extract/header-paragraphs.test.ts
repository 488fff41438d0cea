import { JSDOM } from 'jsdom'
import t from 'tap'
import { findHeaderDek, separateStandfirst } from '../../src/extract/standfirst.js'

const TITLE = 'Riverside’s bridges are failing'
const DEK = 'A decade of patching has left the city with bridges it cannot afford to close.'
const LINES = ['The city owns 41 bridges.', 'Seventeen of them are rated poor.', 'The money ran out in spring.']
const LEDE =
  'When the Ninth Street Bridge closed for three days last month, it was not because of a storm or a crash, but because a bearing had rusted solid.'
const SECOND = LEDE.replace('three', 'four')
const BODY = `<div class="body"><p>${LEDE}</p><p>${SECOND}</p></div>`
const dekOf = (body: string, title = `${TITLE} | Ledger News`) =>
  findHeaderDek(new JSDOM(`<body>${body}</body>`).window.document, title)

t.test('plain paragraphs that sit with the headline, not with the story, are the dek', async (t) => {
  const cases: Array<[name: string, html: string, dek: string]> = [
    [
      'in the headline’s box, over the byline',
      `<div class="top"><h1>${TITLE}</h1><div><p>${DEK}</p></div><p>Text: Jane Doe</p></div><main>${BODY}</main>`,
      DEK,
    ],
    [
      'several short lines in the headline’s box',
      `<div class="top"><h1>${TITLE}</h1><div>${LINES.map((l) => `<p>${l}</p>`).join('')}</div></div>${BODY}`,
      LINES.join(' '),
    ],
    [
      'beside the headline, the story in a box of its own',
      `<article><h1>${TITLE}</h1><p>${DEK}</p><p>Jane Doe | 22 April 2022</p>${BODY}</article>`,
      DEK,
    ],
  ]
  for (const [name, html, dek] of cases) t.equal(dekOf(html), dek, name)
  // Blank runs are joined into the text beside them before parsing (blank-text.ts): an indented
  // dek is measured as it reads, not with its indent.
  const indent = `\n${' '.repeat(120)}`
  t.equal(
    dekOf(`<article><h1>${TITLE}</h1><p>${indent}${DEK}${indent}</p><p>Jane Doe</p>${BODY}</article>`),
    DEK,
    'an indented dek beside the headline',
  )
  t.equal(
    dekOf(`<div class="top"><h1>${TITLE}</h1><p>${DEK}</p></div>${BODY}`, `Bridges: ${TITLE} | Ledger News`),
    DEK,
    'under a headline the title holds after a kicker',
  )
})

t.test('a paragraph that sits with the story is not the dek', async (t) => {
  const cases: Array<[name: string, html: string]> = [
    [
      'the lede beside its paragraphs',
      `<article><h1>${TITLE}</h1><p>${DEK}</p><p>${LEDE}</p><p>${SECOND}</p></article>`,
    ],
    ['the lede in the body’s box', `<article><header><h1>${TITLE}</h1></header>${BODY}</article>`],
    ['under the site’s name', `<header><h1>Ledger News</h1><p>${DEK}</p></header><article>${BODY}</article>`],
    ['a dated meta line', `<div class="top"><h1>${TITLE}</h1><p>Posted on 28 July 2019 by Jane Doe.</p></div>${BODY}`],
    [
      'a line of links',
      `<div class="top"><h1>${TITLE}</h1><p><a href="/j">Current Bridge Reports volume 19</a>, article 3.</p></div>${BODY}`,
    ],
    ['no story after it', `<div class="top"><h1>${TITLE}</h1><p>${DEK}</p></div><p>Short line.</p>`],
  ]
  for (const [name, html] of cases) t.equal(dekOf(html), null, name)
})

t.test('a dek of several paragraphs opening the article is taken out of it', async (t) => {
  const lines = [...LINES, LEDE, SECOND]
  t.same(separateStandfirst(lines, null, LINES.join(' ')), { standfirst: LINES.join(' '), paragraphs: [LEDE, SECOND] })
  t.same(separateStandfirst([DEK, LEDE], null, DEK), { standfirst: DEK, paragraphs: [LEDE] })
  t.same(
    separateStandfirst([`${DEK} ${LEDE}`, SECOND], null, DEK),
    { standfirst: null, paragraphs: [`${DEK} ${LEDE}`, SECOND] },
    'a dek the lede opens with stays the lede’s',
  )
  t.same(
    separateStandfirst(LINES, null, LINES.join(' ')),
    { standfirst: LINES.join(' '), paragraphs: LINES },
    'nothing left after it',
  )
})
