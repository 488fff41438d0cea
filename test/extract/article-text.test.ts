import t from 'tap'
import { articleText } from '../../src/extract/article-text.js'
import { block } from '../helpers/blocks.js'

const PROSE =
  'That bridge is not an outlier. Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers.'

t.test('articleText keeps the story and drops what Readability kept around it', async (t) => {
  const text = articleText([
    block('The bridges', { kind: 'heading' }),
    block(PROSE),
    block('Share on Facebook'),
    block('Traffic on Tuesday. (Photo: AP)', { caption: true }),
    block('Traffic on Tuesday.', { kind: 'other' }),
    block('Jane Doe writes about City Hall and its budgets for the Ledger.', { furniture: true }),
    block('const a = 1\n\nconst b = 2', { kind: 'pre' }),
    block('The last span was repainted in 1998, and nobody has paid for it since.'),
    block('More from the Ledger', { kind: 'heading' }),
    block('Council to vote on the levy', { kind: 'item', linkDensity: 1 }),
    block('Where the buses go next', { kind: 'item' }),
  ])
  t.equal(
    text,
    `The bridges\n\n${PROSE}\n\nTraffic on Tuesday.\n\nconst a = 1\n\nconst b = 2\n\nThe last span was repainted in 1998, and nobody has paid for it since.`,
  )
})

t.test('a pull quote near the top is dropped where the article prints it in full', async (t) => {
  const quote = 'We have patched the same bridge four times in ten years'
  const text = articleText([block(quote, { kind: 'quote' }), block(PROSE), block(`“${quote},” the engineer said.`)])
  t.equal(text, `${PROSE}\n\n“${quote},” the engineer said.`)
})

t.test('lists inside the article and a list of facts at its end stay', async (t) => {
  const text = articleText([
    block(PROSE),
    block('Contents', { kind: 'item', linkDensity: 1 }),
    block('The last span was repainted in 1998, and nobody has paid for it since.'),
    block('41 bridges', { kind: 'item' }),
    block('17 rated poor', { kind: 'item' }),
  ])
  t.equal(
    text,
    `${PROSE}\n\nContents\n\nThe last span was repainted in 1998, and nobody has paid for it since.\n\n41 bridges\n\n17 rated poor`,
  )
})

t.test('a page with no paragraph keeps its lines', async (t) => {
  t.equal(articleText([block('Monday', { kind: 'item' }), block('Tuesday', { kind: 'item' })]), 'Monday\n\nTuesday')
})
