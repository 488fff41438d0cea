import t from 'tap'
import { rejectParagraph } from '../../src/extract/excerpt.js'
import { classifyParagraph } from '../../src/extract/rules.js'
import { textKey } from '../../src/extract/text.js'
import { block } from '../helpers/blocks.js'

const TITLE = 'Riverside’s bridges are failing'
const LEDE =
  'When the Ninth Street Bridge closed for three days last month, it was not because of a storm or a crash, but because a bearing had rusted solid.'

t.test('a read-also label run into the linked title it points to is a promo', async (t) => {
  const cases: Array<[text: string, linkDensity: number, expected: string | null]> = [
    [
      'Lire aussi Martine Bulard, « En Corée, la politique du rayon de soleil », Le Monde diplomatique, juin 2018.',
      0.34,
      'promo',
    ],
    ['Read also Jane Doe, “The bridges nobody fixes”, The Ledger, May 2019.', 0.5, 'promo'],
    // The same opening words with the page's own text after them are prose.
    [
      'See also how the council answered: it said the money had gone to the roads instead, and would again.',
      0.05,
      null,
    ],
    [LEDE, 0.4, null],
    [LEDE, 0, null],
  ]
  for (const [text, linkDensity, expected] of cases) {
    t.equal(rejectParagraph(block(text, { linkDensity }), textKey(TITLE)), expected, text)
  }
})

t.test('a note pointing to an annex is a notice', async (t) => {
  const cases: Array<[text: string, expected: string | null]> = [
    ['Voir en annexe : Place des français et des européens parmi les « publiants » des revues.', 'notice'],
    ['See the appendix for the full inspection figures.', 'notice'],
    ['Siehe Anhang: Liste der gesperrten Brücken.', 'notice'],
    ['The annex to the report lists every bridge the inspectors rated poor, with the year of its last repair.', null],
    [LEDE, null],
  ]
  for (const [text, expected] of cases) t.equal(classifyParagraph(text), expected, text)
})
