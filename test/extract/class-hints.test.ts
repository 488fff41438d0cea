import { JSDOM } from 'jsdom'
import t from 'tap'
import { saysCaption } from '../../src/extract/class-hints.js'

const element = (html: string) =>
  new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!.firstElementChild!

t.test('a box named for a photo and its text is a caption', async (t) => {
  const cases: Array<[name: string, html: string, caption: boolean]> = [
    ['image-description', '<p class="image-description">Protesters outside the parliament on Tuesday.</p>', true],
    ['photoInfo', '<div class="photoInfo">The mayor at the opening. Photo: City Hall</div>', true],
    ['a photo’s name alone', '<div class="image">The mayor at the opening.</div>', false],
    ['a description alone', '<p class="description">The mayor opened the bridge on Tuesday.</p>', false],
    [
      'a layout block of text beside an image',
      `<header class="ImageText_Description"><p>${'The mayor opened the bridge on Tuesday. '.repeat(10)}</p></header>`,
      false,
    ],
  ]
  for (const [name, html, caption] of cases) t.equal(saysCaption(element(html)), caption, name)
})
