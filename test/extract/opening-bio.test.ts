import t from 'tap'
import { withoutOpeningBio } from '../../src/extract/opening-bio.js'

const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'
const SECOND = 'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers.'

t.test('a note about the author above the story is not its lede', async (t) => {
  const cases: Array<[name: string, paragraphs: string[], byline: string | null]> = [
    [
      'the byline’s name and a sentence about them',
      ['Jane Doe is a reporter on the city desk.', LEDE, SECOND],
      'Jane Doe',
    ],
    ['with the writer’s age', ['Jane Doe (34) ist Redakteurin im Ressort Stadt.', LEDE, SECOND], 'Jane Doe'],
    ['a bio behind its label', ['Über die Autorin: Sie schreibt seit 2010 über Verkehr.', LEDE, SECOND], null],
  ]
  for (const [name, paragraphs, byline] of cases) t.same(withoutOpeningBio(paragraphs, byline), [LEDE, SECOND], name)
})

t.test('a lede that names the author stays', async (t) => {
  const cases: Array<[name: string, paragraphs: string[], byline: string | null]> = [
    [
      'the name, then a place',
      ['Jane Doe – Berlin. The council met on Tuesday to vote on the bridges.', SECOND],
      'Jane Doe',
    ],
    ['a byline of one name', ['Jane is a reporter on the city desk.', SECOND], 'Jane'],
    ['the only paragraph', ['Jane Doe is a reporter on the city desk.'], 'Jane Doe'],
    ['no byline', ['Jane Doe is a reporter on the city desk.', SECOND], null],
  ]
  for (const [name, paragraphs, byline] of cases) t.same(withoutOpeningBio(paragraphs, byline), paragraphs, name)
})
