import t from 'tap'
import { JSDOM } from 'jsdom'
import { asciiHtml, asciiJson, asciiXml } from '../../src/render/ascii-output.js'

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s)
const TEXT = 'The minister’s “final offer” — rejected by Zoë Müller 📰 in 2026.'
/** Text of a page around the quoted words: a page's few such characters among its ASCII. */
const PADDING = 'A paragraph of plain English text, as most of a page is. '.repeat(40)

t.test('HTML: what is beyond ASCII becomes references that a browser reads back as the same text', async (t) => {
  const html = `<!doctype html><title>${TEXT}</title><p>${PADDING}</p><p title="${TEXT}">${TEXT}</p><textarea>${TEXT}</textarea>`
  const out = asciiHtml(html)
  t.ok(isAscii(out), 'all ASCII')
  t.match(
    out,
    '<p title="The minister&#8217;s &#8220;final offer&#8221; &#8212; rejected by Zo&#235; M&#252;ller &#128240;',
  )
  const { document } = new JSDOM(out).window
  t.equal(document.title, TEXT, 'in the title')
  t.equal(document.querySelector('p[title]')!.getAttribute('title'), TEXT, 'in an attribute')
  t.equal(document.querySelector('p[title]')!.textContent, TEXT, 'in text')
  t.equal(document.querySelector('textarea')!.value, TEXT, 'in a form field')
})

t.test('HTML: script and style elements are left as they are; ASCII pages are returned untouched', async (t) => {
  const html = `<style>p::after{content:"é"}</style><p>é</p><script type="application/json">{"a":"é"}</script>`
  t.equal(
    asciiHtml(html),
    `<style>p::after{content:"é"}</style><p>&#233;</p><script type="application/json">{"a":"é"}</script>`,
  )
  const plain = '<p>Nothing but ASCII here.</p>'
  t.equal(asciiHtml(plain), plain)
})

t.test('text mostly in another script stays UTF-8: as references it would be several times larger', async (t) => {
  const russian = '<p>Центральный банк сохранил ставку без изменений, сообщили во вторник.</p>'
  t.equal(asciiHtml(russian), russian)
  t.equal(asciiJson(JSON.stringify({ text: russian })), JSON.stringify({ text: russian }))
  const mostlyEnglish = `<p>${'An English paragraph of a page, long enough to carry a quote. '.repeat(20)}</p><p>«Привет»</p>`
  t.ok(isAscii(asciiHtml(mostlyEnglish)), 'a few words in another script on an English page are escaped')
})

t.test('JSON: \\u escapes that parse back to the same value, astral characters as two halves', async (t) => {
  const value = { title: TEXT, list: ['é', '📰'], body: PADDING, n: 1 }
  const out = asciiJson(JSON.stringify(value))
  t.ok(isAscii(out))
  t.match(out, '\\ud83d\\udcf0')
  t.same(JSON.parse(out), value)
})

t.test('XML: references outside CDATA, and CDATA closed around them, read back as the same text', async (t) => {
  const xml = `<?xml version="1.0" encoding="utf-8"?><feed><title>${TEXT}</title><subtitle>${PADDING}</subtitle><entry><content type="html"><![CDATA[<p>${TEXT}</p>]]></content></entry></feed>`
  const out = asciiXml(xml)
  t.ok(isAscii(out), 'all ASCII')
  const { document } = new JSDOM(out, { contentType: 'text/xml' }).window
  t.equal(document.querySelector('feed > title')!.textContent, TEXT)
  t.equal(document.querySelector('content')!.textContent, `<p>${TEXT}</p>`, 'the entry HTML is unchanged')
})
