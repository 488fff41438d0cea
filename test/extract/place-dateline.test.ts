import t from 'tap'
import type { Block } from '../../src/extract/blocks.js'
import { quotableParagraphs } from '../../src/extract/excerpt.js'
import { block } from '../helpers/blocks.js'

const TITLE = 'The city can’t keep patching its bridges'
const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'
const SECOND = 'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers.'

t.test('a place dateline set as its own line opens the lede below it', async (t) => {
  const cases: Array<[place: string, first: string]> = [
    ['Riverside.', `Riverside. ${LEDE}`],
    ['Riverside/Oakfield.', `Riverside/Oakfield. ${LEDE}`],
    ['SAN JOSÉ.', `SAN JOSÉ. ${LEDE}`],
  ]
  for (const [place, first] of cases) {
    t.same(quotableParagraphs([block(place), block(LEDE), block(SECOND)], TITLE), [first, SECOND], place)
  }
})

t.test('lines that are not a place dateline stay apart', async (t) => {
  const cases: Array<[name: string, blocks: Block[], expected: string[]]> = [
    ['a short sentence', [block('Love thine enemy.'), block(LEDE)], ['Love thine enemy.', LEDE]],
    ['a label is no paragraph', [block('Update:'), block(LEDE)], [LEDE]],
    [
      'a place over a caption',
      [block('Riverside.'), block(LEDE, { caption: true }), block(SECOND)],
      ['Riverside.', SECOND],
    ],
    ['a place at the end', [block(LEDE), block('Riverside.')], [LEDE, 'Riverside.']],
  ]
  for (const [name, blocks, expected] of cases) t.same(quotableParagraphs(blocks, TITLE), expected, name)
})
