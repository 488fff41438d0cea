import t from 'tap'
import type { Block } from '../../src/extract/blocks.js'
import { articleText, quotableParagraphs, rejectParagraph, selectExcerpt } from '../../src/extract/excerpt.js'
import { textKey } from '../../src/extract/text.js'

const TITLE = 'The city can’t keep patching its bridges'
const PROSE = 'That bridge is not an outlier. Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers.'
const block = (text: string, over: Partial<Block> = {}): Block => ({ text, kind: 'p', caption: false, linkDensity: 0, ...over })

t.test('rejectParagraph', async (t) => {
  const cases: Array<[block: Block, expected: string | null]> = [
    [block(PROSE), null],
    [block('He said no.'), null],
    [block(PROSE, { caption: true }), 'caption'],
    [block(PROSE, { kind: 'pre' }), 'pre'],
    [block('Why the bridges matter'), 'fragment'],
    [block('Why the bridges matter', { kind: 'heading' }), 'heading'],
    [block(PROSE, { kind: 'heading' }), null],
    [block(PROSE, { kind: 'item' }), null],
    [block('Bridges, budgets and the council: a short history of deferred maintenance in Riverside', { kind: 'item' }), 'not-prose'],
    [block('Traffic on the Ninth Street Bridge', { kind: 'other' }), 'not-prose'],
    [block('Read the council’s full bridge inspection report and the budget documents here.', { linkDensity: 0.9 }), 'links'],
    [block('Advertisement'), 'promo'],
    [block('By Jane Doe'), 'byline'],
    [block('Updated 5:42 AM EDT'), 'dateline'],
    [block('Traffic crosses the bridge on Tuesday. (Photo: AP)'), 'caption'],
    [block(TITLE + '.'), 'title'],
    [block(`${TITLE} | Opinion`), 'fragment'],
  ]
  for (const [b, expected] of cases) t.equal(rejectParagraph(b, textKey(TITLE)), expected, `${b.kind} ${b.text}`)
})

t.test('quotableParagraphs', async (t) => {
  const blocks = [block('By Jane Doe'), block(PROSE), block('Advertisement'), block(PROSE), block('Second paragraph, which ends well.')]
  t.same(quotableParagraphs(blocks, TITLE), [PROSE, 'Second paragraph, which ends well.'], 'skips furniture and repeats')
  const pre = block('Network Working Group   M. de Jong\nDecember 2014\n\nThis draft describes a protocol by which\nclient-side applications can store data on a server the user chooses.\n\n   Jong   [Page 1]', { kind: 'pre' })
  t.same(quotableParagraphs([pre], TITLE), ['This draft describes a protocol by which client-side applications can store data on a server the user chooses.'], 'a page that is all <pre>')
})

t.test('selectExcerpt', async (t) => {
  const paragraphs = ['one two three.', 'four five six.', 'seven eight nine.']
  const cases: Array<[paragraphs: number, maxChars: number | undefined, expected: string[]]> = [
    [2, undefined, ['one two three.', 'four five six.']],
    [5, undefined, paragraphs],
    [3, 28, ['one two three.', 'four five six.']],
    [3, 27, ['one two three.']],
    [3, 10, ['one two…']],
    [0, undefined, []],
  ]
  for (const [n, maxChars, expected] of cases) {
    t.same(selectExcerpt(paragraphs, maxChars === undefined ? { paragraphs: n } : { paragraphs: n, maxChars }), expected, `${n}/${maxChars}`)
  }
})

t.test('articleText', async (t) => {
  const text = articleText([
    block('The bridges', { kind: 'heading' }),
    block(PROSE),
    block('Share on Facebook'),
    block('Traffic on Tuesday. (Photo: AP)', { caption: true }),
    block('const a = 1\n\nconst b = 2', { kind: 'pre' }),
  ])
  t.equal(text, `The bridges\n\n${PROSE}\n\nTraffic on Tuesday. (Photo: AP)\n\nconst a = 1\n\nconst b = 2`)
})
