import t from 'tap'
import { safeNext } from '../../src/routes/pages/render.js'

const cases: [unknown, string][] = [
  ['/forums/editorials', '/forums/editorials'],
  ['/threads/3?notice=x', '/threads/3?notice=x'],
  ['//evil.example/', '/'],
  ['/\\evil.example', '/'],
  ['/\t/evil.example', '/'],
  ['/\n/evil.example', '/'],
  ['https://evil.example/', '/'],
  ['javascript:alert(1)', '/'],
  ['', '/'],
  [undefined, '/'],
  [['/a'], '/'],
]
for (const [input, expected] of cases) t.equal(safeNext(input), expected, JSON.stringify(input))
