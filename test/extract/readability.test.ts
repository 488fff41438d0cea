import { Readability } from '@mozilla/readability'
import { JSDOM } from 'jsdom'
import t from 'tap'
import { FastReadability } from '../../src/extract/readability.js'

const PROSE = 'The council met again on Tuesday, and the bridge stayed closed for a third week. '.repeat(4).trim()
// Absolute addresses: Readability makes relative ones absolute, FastReadability leaves them (see the next tests).
const PAGE = `<!doctype html><html><head><title>Bridges | The Ledger</title></head><body>
  <nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li></ul></nav>
  <article><h1>The city can’t keep patching its bridges</h1>
    <p class="byline">By Jane Doe</p>
    <font>An old font tag.</font>
    <div><p>${PROSE}</p><br><br><p>${PROSE}</p>
      <figure><img src="https://ledger.example/a.jpg"><figcaption>Traffic on Tuesday.</figcaption></figure>
      <h2>What comes next</h2><p>${PROSE}</p>
      <table><tr><td>Bridges</td><td>41</td></tr></table>
      <ul><li><a href="https://ledger.example/a">Related one</a></li><li><a href="https://ledger.example/b">Related two</a></li></ul>
    </div></article>
  <footer><p>© The Ledger</p></footer></body></html>`

// Too little text once the "comments" box is stripped: Readability restores the page and tries again, looser.
const SHORT_PAGE = `<!doctype html><html><head><title>Notes</title></head><body>
  <div class="comments"><p>${PROSE}</p><p>${PROSE}</p></div>
  <p style="display: none">Hidden by its style.</p><p aria-hidden="true">Hidden from readers.</p>
  <p class="fallback-image" aria-hidden="true">A math fallback.</p><p>A short note.</p></body></html>`

// Too little text for every try: Readability retries three times, then takes the longest article it found.
const TINY_PAGE = `<!doctype html><html><head><title>Notes</title></head><body>
  <div class="sidebar"><p>A note in the side bar, longer than the rest.</p></div>
  <div class="comments"><p>A comment.</p></div><p>A short note.</p></body></html>`

const URL = 'https://ledger.example/bridges'
const parsePlainly = (html = PAGE) => {
  const dom = new JSDOM(html, { url: URL })
  const article = new Readability<string>(dom.window.document, { keepClasses: true }).parse()
  dom.window.close()
  return article
}
const parseFast = (html = PAGE, parses = { count: 0 }) => {
  const reparse = () => {
    parses.count++
    return new JSDOM(html, { url: URL }).window.document
  }
  return new FastReadability<string>(reparse(), { keepClasses: true }, reparse).parse()
}

t.test('FastReadability finds what Readability finds', async (t) => {
  const fast = parseFast()
  t.ok(fast?.content?.includes('What comes next'))
  t.same(fast, parsePlainly())
})

t.test('FastReadability retries and hides as Readability does', async (t) => {
  const fast = parseFast(SHORT_PAGE)
  t.ok(fast?.content?.includes('The council met again'), 'found on the retry, without the unlikely-box rule')
  t.notOk(fast?.content?.includes('Hidden'))
  t.same(fast, parsePlainly(SHORT_PAGE))
})

t.test('FastReadability parses the page again once however many times it retries', async (t) => {
  const parses = { count: 0 }
  const fast = parseFast(TINY_PAGE, parses)
  t.equal(parses.count, 2, 'the first try and the first retry')
  t.ok(fast?.content?.includes('A note in the side bar'))
  t.same(fast, parsePlainly(TINY_PAGE))
})

t.test('the article holds the elements and text Readability gives it, with the addresses the page gave', async (t) => {
  const body = (html: string) => `<!doctype html><html><head><title>Bridges</title></head><body><article>
    <p>${PROSE}</p><p>${html}</p><p>${PROSE}</p></article></body></html>`
  const shape = (content: string | null | undefined) => {
    const { body } = new JSDOM(content ?? '').window.document
    for (const el of body.querySelectorAll('*'))
      for (const name of ['href', 'src', 'srcset', 'align']) el.removeAttribute(name)
    return body.innerHTML
  }
  const cases: Array<[string, string, string]> = [
    ['a javascript: link becomes its text', '<a href="javascript:void(0)">Share</a> this', 'Share this'],
    [
      'a javascript: link with elements becomes a span',
      '<a href="javascript:go()"><b>Go</b> on</a>',
      '<span><b>Go</b> on</span>',
    ],
    [
      'a figure with a lazy image but no image gets one',
      '</p><figure data-src="/b.jpg"><figcaption>A bridge.</figcaption></figure><p>',
      '<img src="/b.jpg">',
    ],
    [
      'a lazy image set too',
      '</p><figure data-set="/b.jpg 2x"><figcaption>A bridge.</figcaption></figure><p>',
      '<img srcset="/b.jpg 2x">',
    ],
    [
      'a figure with an image gets none',
      '</p><figure data-src="/b.jpg"><img src="/c.jpg"></figure><p>',
      '<figure data-src="/b.jpg"><img src="/c.jpg"></figure>',
    ],
    ['a relative link stays relative', '<a href="/next">Next</a> story', '<a href="/next">Next</a>'],
    ['presentational attributes stay', '<img src="/d.jpg" align="left"> An image', '<img src="/d.jpg" align="left">'],
  ]
  for (const [name, html, expected] of cases) {
    const fast = parseFast(body(html))
    t.ok(fast?.content?.includes(expected), name)
    t.equal(shape(fast?.content), shape(parsePlainly(body(html))?.content), `${name}: same elements and text`)
  }
})

t.test('elements of several tags come in document order, without the root', async (t) => {
  const { document } = new JSDOM(
    '<div id="r"><h2>a</h2><p>b<h1>c</h1></p><section><h1>d</h1><h2>e</h2></section></div>',
  ).window
  const root = document.getElementById('r')!
  const fast = new FastReadability(document, {}, () => document) as unknown as {
    _getAllNodesWithTag(node: Element | Document, tags: string[]): Element[]
  }
  t.same(
    fast._getAllNodesWithTag(root, ['h1', 'H2']).map((el) => el.textContent),
    Array.from(root.querySelectorAll('h1,h2'), (el) => el.textContent),
  )
  t.same(
    fast._getAllNodesWithTag(document, ['p']).map((el) => el.textContent),
    Array.from(document.querySelectorAll('p'), (el) => el.textContent),
  )
})

t.test('the byline and empty-element tests answer as Readability answers', async (t) => {
  const { document } = new JSDOM(`<body>
    <div id="a"> <br> <hr> </div><div id="b"><span> </span></div><div id="c"><span><br></span></div>
    <div id="d"> <b>x</b></div><div id="e">&nbsp;</div><div id="f"><p><br></p><br></div>
    <a id="g" rel="author" href="/jane">Jane Doe</a><span id="h" itemprop="author">Jane</span>
    <p id="i" class="byline">By Jane Doe</p><p id="j" class="byline"> </p><p id="k">By Jane Doe</p>
    <p id="l" class="author">${'Jane Doe '.repeat(20)}</p></body>`).window
  type Tests = {
    _isElementWithoutContent(node: Node): boolean
    _isValidByline(node: Element, matchString: string): boolean
  }
  const fast = new FastReadability(document, {}, () => document) as unknown as Tests
  const plain = new Readability(document) as unknown as Tests
  for (const el of document.querySelectorAll('[id]')) {
    const matchString = `${el.className} ${el.id}`
    t.equal(fast._isElementWithoutContent(el), plain._isElementWithoutContent(el), `empty: ${el.outerHTML}`)
    t.equal(fast._isValidByline(el, matchString), plain._isValidByline(el, matchString), `byline: ${el.outerHTML}`)
  }
})

t.test('link density and placeholder images answer as Readability answers', async (t) => {
  const { document } = new JSDOM(`<body>
    <div id="a"><p>Some text and <a href="#notes">a note</a> and <a href="/next">the next story</a>.</p></div>
    <div id="b"><a href="/one">One</a><a>Two</a></div><div id="c"><img></div><div id="d"> </div>
    <img id="e" data-src="/e.jpg"><img id="f" class="x" data-full="/f.PNG?w=2"><img id="g" alt="A placeholder">
    <img id="h" src=""></body>`).window
  type Tests = { _getLinkDensity(el: Element): number; _unwrapNoscriptImages(doc: Document): void }
  const fast = new FastReadability(document, {}, () => document) as unknown as Tests
  const plain = new Readability(document) as unknown as Tests
  for (const el of document.querySelectorAll('div[id]')) {
    t.equal(fast._getLinkDensity(el), plain._getLinkDensity(el), `link density: ${el.outerHTML}`)
  }
  const imagesLeft = (tests: Tests) => {
    const { document: copy } = new JSDOM(document.documentElement.outerHTML).window
    tests._unwrapNoscriptImages(copy)
    return Array.from(copy.querySelectorAll('img'), (img) => img.id)
  }
  t.same(imagesLeft(fast), ['e', 'f', 'h'])
  t.same(imagesLeft(fast), imagesLeft(plain))
})
