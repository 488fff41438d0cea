import t from 'tap'
import type { Block } from '../../src/extract/blocks.js'
import { quotableParagraphs } from '../../src/extract/excerpt.js'
import { block } from '../helpers/blocks.js'

const TITLE = 'The city can’t keep patching its bridges'
const OPENING = 'By the time the council noticed, the bridge had already closed.'
const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'
const SECOND = 'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers.'
const bold = (text: string, over: Partial<Block> = {}) => block(text, { bold: true, ...over })

t.test('the story’s opening sentence set in bold is its first paragraph', async (t) => {
  const cases: Array<[name: string, blocks: Block[]]> = [
    ['straight above the body', [bold(OPENING), block(LEDE), block(SECOND)]],
    ['after a caption', [block('Traffic on Tuesday. (Photo: AP)'), bold(OPENING), block(LEDE)]],
  ]
  for (const [name, blocks] of cases) t.same(quotableParagraphs(blocks, TITLE).slice(0, 2), [OPENING, LEDE], name)
})

t.test('bold lines that are not the story’s opening stay subheadings', async (t) => {
  const cases: Array<[name: string, blocks: Block[]]> = [
    ['a question', [bold('What did the council know about the bridges?'), block(LEDE), block(SECOND)]],
    ['a few words', [bold('The bridge closed.'), block(LEDE), block(SECOND)]],
    ['above a line that is no paragraph', [bold(OPENING), block('Budget 2016'), block(LEDE)]],
    ['after the lede', [block(LEDE), bold(OPENING), block(SECOND)]],
    ['above another bold line', [bold(OPENING), bold('Bridges'), block(LEDE)]],
  ]
  for (const [name, blocks] of cases) t.notOk(quotableParagraphs(blocks, TITLE).slice(0, 1).includes(OPENING), name)
})
