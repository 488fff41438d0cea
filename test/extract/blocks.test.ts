import { JSDOM } from 'jsdom'
import t from 'tap'
import { collectBlocks } from '../../src/extract/blocks.js'

const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'

const captions = (html: string) =>
  collectBlocks(new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!).map((b) => [b.text, b.caption])

t.test('a line repeating the last image’s alt text is its caption', async (t) => {
  const gallery =
    '<div class="slide"><picture><source srcset="a.webp"><img alt="The bridge, closed." src="a.jpg"></picture>' +
    '<div>© City Archive</div><div><p>The bridge, closed.</p></div></div>' +
    `<p>${LEDE}</p>`
  t.same(
    captions(gallery).filter(([, caption]) => !caption),
    [
      ['© City Archive', false],
      [LEDE, false],
    ],
  )
  t.same(captions(`<img alt="A bridge" src="b.jpg"><p>${LEDE}</p>`), [[LEDE, false]], 'other text is not')
})
