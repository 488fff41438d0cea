import { brotliCompressSync, gzipSync } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, waitForDigest } from '../helpers/factories.js'
import { startFixtureServer } from '../helpers/fixture-server.js'

/** A word and its bytes in the page's legacy encoding (written out by hand, so no encoder is needed). */
interface Word {
  text: string
  bytes: number[]
}

const FILLER =
  'The council met on Tuesday evening to debate the proposal, and members spoke for more than two hours about what it would mean for the neighbourhoods most affected by the change.'

/** An article page whose headline and paragraphs carry `word`, encoded as the page says. */
function page(word: Word, head: string): Buffer {
  const ascii = (s: string) => Buffer.from(s, 'latin1')
  const w = Buffer.from(word.bytes)
  const paragraph = (n: number) => Buffer.concat([ascii(`<p>${n}. `), w, ascii(` ${FILLER}</p>\n`)])
  return Buffer.concat([
    ascii(`<!doctype html><html><head>${head}<title>`),
    w,
    ascii(' in the news today</title></head><body><article><h1>'),
    w,
    ascii(' in the news today</h1>\n'),
    paragraph(1),
    paragraph(2),
    paragraph(3),
    paragraph(4),
    paragraph(5),
    ascii('</article></body></html>'),
  ])
}

const CASES: {
  name: string
  word: Word
  head: string
  contentType: string
  encode?: (b: Buffer) => Buffer
  encoding?: string
}[] = [
  {
    name: 'windows-1252 in the header',
    word: { text: 'Café “Noël”', bytes: [0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x4e, 0x6f, 0xeb, 0x6c, 0x94] },
    head: '',
    contentType: 'text/html; charset=windows-1252',
  },
  {
    name: 'ISO-8859-2 in <meta charset>',
    word: { text: 'Zażółć', bytes: [0x5a, 0x61, 0xbf, 0xf3, 0xb3, 0xe6] },
    head: '<meta charset="iso-8859-2">',
    contentType: 'text/html',
  },
  {
    name: 'KOI8-R in the header',
    word: { text: 'Привет', bytes: [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4] },
    head: '',
    contentType: 'text/html; charset=KOI8-R',
  },
  {
    name: 'Shift_JIS in <meta charset>',
    word: { text: '日本語', bytes: [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea] },
    head: '<meta charset="Shift_JIS">',
    contentType: 'text/html',
  },
  {
    name: 'GB2312 in <meta http-equiv>',
    word: { text: '中文新闻', bytes: [0xd6, 0xd0, 0xce, 0xc4, 0xd0, 0xc2, 0xce, 0xc5] },
    head: '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    contentType: 'text/html',
  },
  {
    name: 'UTF-8 with a byte order mark',
    word: { text: 'Ñandú', bytes: [...Buffer.from('Ñandú', 'utf8')] },
    head: '',
    contentType: 'text/html',
    encode: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]),
  },
  {
    name: 'gzip body',
    word: { text: 'Müller', bytes: [...Buffer.from('Müller', 'utf8')] },
    head: '<meta charset="utf-8">',
    contentType: 'text/html',
    encode: gzipSync,
    encoding: 'gzip',
  },
  {
    name: 'brotli body',
    word: { text: 'Øresund', bytes: [...Buffer.from('Øresund', 'utf8')] },
    head: '',
    contentType: 'text/html; charset=utf-8',
    encode: (b) => brotliCompressSync(b),
    encoding: 'br',
  },
]

t.test('pages in legacy character sets and compressed bodies come out as the right text', async (t) => {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {}
  CASES.forEach((c, i) => {
    const body = (c.encode ?? ((b: Buffer) => b))(page(c.word, c.head))
    routes[`/charset-${i}`] = (_req, res) =>
      res
        .writeHead(200, { 'content-type': c.contentType, ...(c.encoding ? { 'content-encoding': c.encoding } : {}) })
        .end(body)
  })
  const fixtures = await startFixtureServer(t, routes)
  const { app, startWorker } = await buildTestApp(t)
  await startWorker()
  const member = await registerMember(app)

  for (const [i, c] of CASES.entries()) {
    const res = await postLink(app, member.auth, { url: fixtures.url(`/charset-${i}`), forum: 'foreign-affairs' })
    const thread = await waitForDigest(app, res.json().thread.id)
    t.equal(thread.status, 'ready', c.name)
    t.equal(thread.title, `${c.word.text} in the news today`, `${c.name}: headline`)
    t.equal((thread.excerpt as string[])[0], `1. ${c.word.text} ${FILLER}`, `${c.name}: first paragraph`)
  }
})
