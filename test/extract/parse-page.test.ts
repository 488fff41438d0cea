import t from 'tap'
import { parsePage, releasePages } from '../../src/extract/parse-page.js'

t.test('releasePages empties the documents parsed before it, and only those', async (t) => {
  const first = parsePage('<title>One</title><p>First page')
  const again = parsePage('<title>One</title><p>First page')
  t.equal(first.body.textContent, 'First page')
  releasePages()
  t.equal(first.documentElement, null)
  t.equal(again.documentElement, null)
  const next = parsePage('<title>Two</title><p>Next page')
  t.equal(next.title, 'Two')
  t.equal(next.body.textContent, 'Next page')
  releasePages()
  t.equal(next.documentElement, null)
})

t.test('a window serves page after page', async (t) => {
  for (let i = 0; i < 150; i++) {
    t.equal(parsePage(`<p>Page ${i}`).body.textContent, `Page ${i}`)
    releasePages()
  }
})
