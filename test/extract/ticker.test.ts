import t from 'tap'

import { readsAsTicker } from '../../src/extract/ticker.js'

t.test('readsAsTicker', async (t) => {
  t.ok(readsAsTicker('DAX15234.10+0.52%MDAX27111.40-1.2%ACME AG12.34-3.55%BETA SE4.10+0.1%'), 'glued quotes')
  t.notOk(
    readsAsTicker('The index closed at 3078.02, down 0.24%, while Acme fell 3.55% to 22.84.'),
    'prose about shares',
  )
  t.notOk(readsAsTicker('Scores were 3-1, 2-0 and 4-2 in the group stage, with 55% possession.'), 'scores')
})
