import t from 'tap'
import { finishTitle } from '../../src/extract/title.js'

const long = 'Word '.repeat(60).trim()
const cases: [string, string[], string][] = [
  ['  Plain   headline ', [], 'Plain headline'],
  ['Zero\u200bwidth\u2060and\u00adsoft', [], 'Zerowidthandsoft'],
  ['Right\u200fto\u202eleft\u0007marks', [], 'Right to left marks'],
  [
    'ab',
    ['The lede of the article, which names it well enough.'],
    'The lede of the article, which names it well enough.',
  ],
  ['', ['', 'x', 'Second fallback works'], 'Second fallback works'],
  ['', [], 'Untitled article'],
]
for (const [title, fallbacks, expected] of cases)
  t.equal(finishTitle(title, fallbacks), expected, JSON.stringify(title))
const cut = finishTitle(long, [])
t.ok(cut.length <= 200, `cut to ${cut.length}`)
t.ok(cut.endsWith('Word…'), 'at a word, with an ellipsis')
