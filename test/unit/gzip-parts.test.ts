import { randomBytes } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import t from 'tap'
import { deflatePiece, gzipPieces } from '../../src/render/gzip-parts.js'

t.test('kept and new pieces make one gzip stream that any gunzip reads back', async (t) => {
  const kept = ['<html><body>', '<p>' + 'A long paragraph of text. '.repeat(4000) + '</p>', '', '</body></html>']
  // A new piece larger than one stored block, and random bytes that do not compress.
  const fresh = ['<b>member</b>', randomBytes(70_000).toString('base64'), '']
  const pieces = []
  let expected = ''
  for (let i = 0; i < kept.length; i++) {
    const plain = Buffer.from(kept[i]!)
    pieces.push({ plain, deflated: deflatePiece(plain) })
    expected += kept[i]
    if (i < fresh.length) {
      pieces.push({ plain: Buffer.from(fresh[i]!) })
      expected += fresh[i]
    }
  }
  const gzipped = gzipPieces(pieces)
  t.equal(gunzipSync(gzipped).toString(), expected)
  t.ok(gzipped.length < Buffer.byteLength(expected) / 2, 'the kept pieces stay compressed')
  t.equal(gunzipSync(gzipPieces([])).toString(), '', 'nothing at all is a valid stream too')
})

t.test('any cut of a page into kept and new pieces reads back whole', async (t) => {
  const page = Buffer.from(
    Array.from({ length: 300 }, (_, i) => `<p id="r${i}">Reply ${i % 17}: ${'words '.repeat(i % 23)}</p>`).join('\n'),
  )
  const broken: string[] = []
  for (let round = 0; round < 200; round++) {
    const cuts = [...new Set(Array.from({ length: 1 + (round % 9) }, () => Math.floor(Math.random() * page.length)))]
    const bounds = [0, ...cuts.sort((a, b) => a - b), page.length]
    const pieces = bounds.slice(1).map((end, i) => {
      const plain = page.subarray(bounds[i], end)
      return (i + round) % 2 === 0 ? { plain, deflated: deflatePiece(plain) } : { plain }
    })
    if (gunzipSync(gzipPieces(pieces)).compare(page) !== 0) broken.push(cuts.join(', '))
  }
  t.same(broken, [], 'none of 200 random cuts changes a byte')
})
