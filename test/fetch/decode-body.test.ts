import t from 'tap'
import { decodeHtml } from '../../src/fetch/decode-body.js'

const latin1 = (text: string) => Buffer.from(text, 'latin1')

t.test('a <meta> charset declared after kilobytes of head markup is still the page’s charset', async (t) => {
  const scripts = '<script>var settings = {"a": 1};</script>\n'.repeat(100)
  const page = `<html><head>${scripts}<meta http-equiv="content-type" content="text/html; charset=iso-8859-1"></head><body><p>Grüße aus Köln</p></body></html>`
  t.ok(page.indexOf('charset=') > 2048, 'the declaration sits past the first 2 KB')
  t.match(decodeHtml(latin1(page), 'text/html'), '<p>Grüße aus Köln</p>')
})

t.test('a charset named in the body’s text is not the page’s declaration', async (t) => {
  const page =
    '<html><head><title>Tags</title></head><body><p>Über &lt;meta charset="koi8-r"&gt;:</p><meta charset="koi8-r"></body></html>'
  t.match(decodeHtml(Buffer.from(page, 'utf8'), 'text/html'), '<p>Über', 'read as UTF-8, the default')
})

t.test('the Content-Type header’s charset wins over a <meta>', async (t) => {
  const page = '<head><meta charset="koi8-r"></head><p>café</p>'
  t.match(decodeHtml(latin1(page), 'text/html; charset=iso-8859-1'), '<p>café</p>')
})
