import { JSDOM } from 'jsdom'
import t from 'tap'
import { descendantWithId } from '../../src/extract/dom-walk.js'

t.test('descendantWithId finds what querySelector finds', async (t) => {
  const { document } = new JSDOM(
    '<div id="r"><p id="x">a</p><section><p id="page">b</p></section><p id="page">c</p></div>',
  ).window
  const root = document.getElementById('r')!
  for (const id of ['page', 'x', 'r', 'none']) {
    t.equal(descendantWithId(root, id), root.querySelector(`#${id}`), id)
  }
})
