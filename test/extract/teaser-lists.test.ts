import t from 'tap'
import type { Block } from '../../src/extract/blocks.js'
import { withoutTeaserLists } from '../../src/extract/teaser-lists.js'
import { block } from '../helpers/blocks.js'

const title = (text: string) => block(text, { kind: 'item', linkDensity: 1 })
const summary = (text: string) => block(text, { kind: 'item' })
const teaser = (n: number) => [title(`Other story ${n}`), summary(`The summary of other story ${n}, cut short.`)]
const texts = (blocks: readonly Block[]) => blocks.map((b) => b.text)

t.test('withoutTeaserLists', async (t) => {
  const story = block('The council met on Tuesday and voted to close the bridge for a year.')
  t.same(
    texts(withoutTeaserLists([story, ...teaser(1), ...teaser(2), ...teaser(3)])),
    [story.text],
    'three linked titles each with its summary are other articles’ teasers',
  )
  t.same(
    texts(withoutTeaserLists([...teaser(1), ...teaser(2), story])),
    [
      'Other story 1',
      'The summary of other story 1, cut short.',
      'Other story 2',
      'The summary of other story 2, cut short.',
      story.text,
    ],
    'two are an article’s own links and stay',
  )
  const steps = [1, 2, 3].flatMap((n) => [
    block(`Step ${n}`, { kind: 'item', linkDensity: 0.4 }),
    summary(`Whisk the eggs for step ${n}.`),
  ])
  t.same(texts(withoutTeaserLists(steps)), texts(steps), 'list items whose labels are not links are the article')
  const paragraphs = [1, 2, 3].flatMap((n) => [
    block(`Other story ${n}`, { linkDensity: 1 }),
    block(`The council met on day ${n}.`),
  ])
  t.same(texts(withoutTeaserLists(paragraphs)), texts(paragraphs), 'a linked line over plain paragraphs is not a list')
})
