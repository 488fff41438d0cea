import { JSDOM } from 'jsdom'
import t from 'tap'
import { findHeaderDek } from '../../src/extract/standfirst.js'

const TITLE = 'Riverside’s bridges are failing'
const DEK = 'A decade of patching has left the city with bridges it cannot afford to close.'
const LEDE =
  'When the Ninth Street Bridge closed for three days last month, it was not because of a storm or a crash, but because a bearing had rusted solid.'
const BODY = `<div class="body"><p>${LEDE}</p><p>${LEDE.replace('three', 'four')}</p></div>`
const dekOf = (body: string) =>
  findHeaderDek(new JSDOM(`<body>${body}</body>`).window.document, `${TITLE} | Ledger News`)

t.test('a heading in the headline’s own box is the dek', async (t) => {
  const cases: Array<[name: string, html: string]> = [
    ['under the headline', `<article><header><h1>${TITLE}</h1><h2>${DEK}</h2></header>${BODY}</article>`],
    [
      'under the headline’s photo and date',
      `<article><div class="top"><div><h1>${TITLE}</h1></div><figure>Traffic.</figure><p>12/05/2019</p><h3>${DEK}</h3></div>${BODY}</article>`,
    ],
    [
      'after a meta line set as a heading',
      `<article><header><h1>${TITLE}</h1><h4>Posted by Jane Doe on 12 May 2019</h4><h2>${DEK}</h2></header>${BODY}</article>`,
    ],
  ]
  for (const [name, html] of cases) t.equal(dekOf(html), DEK, name)
})

t.test('a heading among the story’s paragraphs is not the dek', async (t) => {
  const cases: Array<[name: string, html: string]> = [
    ['the lede set as a heading', `<article><h1>${TITLE}</h1><h2>${DEK}</h2>${BODY}</article>`],
    ['beside the body in one box', `<article><div><h1>${TITLE}</h1><h2>${DEK}</h2><p>${LEDE}</p></div></article>`],
    [
      'above a story written without paragraphs',
      `<div class="post"><h1>${TITLE}</h1><h3>${DEK}</h3>${`${LEDE}<br>`.repeat(8)}</div>`,
    ],
    ['under the site’s name', `<header><h1>The Ledger</h1><h2>${DEK}</h2></header><article>${BODY}</article>`],
    [
      'under the site’s name that ends the title',
      `<header><h1>Ledger News</h1><h2>${DEK}</h2></header><article>${BODY}</article>`,
    ],
    ['a label', `<article><header><h1>${TITLE}</h1><h2>More on bridges</h2></header>${BODY}</article>`],
  ]
  for (const [name, html] of cases) t.equal(dekOf(html), null, name)
})
