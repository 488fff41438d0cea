import { JSDOM } from 'jsdom'
import t from 'tap'
import { collectBlocks } from '../../src/extract/blocks.js'
import { findStandfirst, quotableParagraphs } from '../../src/extract/excerpt.js'
import { markSetApartDek } from '../../src/extract/set-apart-dek.js'

const TITLE = 'How to heat a home you leave for the holidays'
const POINTS = [
  'Turning the heating down rather than off saves a household about fifty euros over two weeks away.',
  'A home left colder than fourteen degrees invites mould and, in a hard frost, burst water pipes.',
]
const LEDE =
  'Berlin, 29 November 2022. Christmas is travelling time: many visit family and friends, and the house stands empty for days.'
const SECOND = 'Before leaving, turn every thermostat to its night setting rather than off, the association advises.'
const THIRD = 'Smart thermostats can do it for you, and bring the rooms back up to warmth before you come home.'

const read = (html: string) => {
  const blocks = markSetApartDek(
    collectBlocks(new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!),
    TITLE,
  )
  return { standfirst: findStandfirst(blocks, TITLE), paragraphs: quotableParagraphs(blocks, TITLE) }
}
const list = (items: readonly string[]) =>
  `<ul>${items.map((item) => `<li><strong>${item}</strong></li>`).join('')}</ul>`
const body = `<p>${LEDE}</p><p>${SECOND}</p><p>${THIRD}</p>`

t.test('summary bullets above the story are its dek, not its lede', async (t) => {
  t.same(read(`<p>29 November 2022</p>${list(POINTS)}${body}`), {
    standfirst: POINTS[0],
    paragraphs: [LEDE, SECOND, THIRD],
  })
})

t.test('a blurb quoted above a review is not its lede, nor its standfirst', async (t) => {
  const blurb = `<p>Blurb:</p><blockquote>${POINTS[0]} ${POINTS[1]}</blockquote><p>My view:</p>`
  t.same(read(`${blurb}${body}`), { standfirst: null, paragraphs: [LEDE, SECOND, THIRD] })
})

t.test('lists that are not a summary stay where they are', async (t) => {
  const cases: Array<[name: string, html: string, first: string]> = [
    ['the lede above the list', `<p>${LEDE}</p>${list(POINTS)}<p>${SECOND}</p><p>${THIRD}</p>`, LEDE],
    ['a long list is the content', `${list([...POINTS, ...POINTS, ...POINTS])}${body}`, POINTS[0]!],
    ['a single paragraph after it', `${list(POINTS)}<p>${LEDE}</p>`, POINTS[0]!],
    ['a normal lede', body, LEDE],
    ['a quote inside the story', `<p>${LEDE}</p><blockquote>${POINTS[0]}</blockquote>${body}`, LEDE],
  ]
  for (const [name, html, first] of cases) {
    const got = read(html)
    t.equal(got.standfirst, null, name)
    t.equal(got.paragraphs[0], first, name)
  }
})
