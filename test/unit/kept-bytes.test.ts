import t from 'tap'
import { owned, packed } from '../../src/render/kept-bytes.js'
import { deflatePiece } from '../../src/render/gzip-parts.js'

t.test('packed pieces keep their bytes and share one allocation of exactly their size', async (t) => {
  // Small Buffers come from Node's shared pool, zlib's results from its 16 KB output chunk.
  const pieces = [Buffer.from('<p>one</p>'), deflatePiece(Buffer.from('<p>two</p>')), Buffer.alloc(0), Buffer.from('x')]
  t.ok(
    pieces.some((p) => p.buffer.byteLength > p.length),
    'the inputs are slices of larger memory',
  )
  const kept = packed(pieces)
  t.same(
    kept.map((k) => k.toString('hex')),
    pieces.map((p) => p.toString('hex')),
  )
  const total = pieces.reduce((n, p) => n + p.length, 0)
  for (const k of kept) t.equal(k.buffer.byteLength, total, 'each piece is a view of the one allocation')
})

t.test('owned copies a slice out of the memory it shares, and keeps a Buffer that owns its memory', async (t) => {
  const slice = Buffer.from('a small page piece')
  t.ok(slice.buffer.byteLength > slice.length, 'a small Buffer is a slice of the pool')
  const own = owned(slice)
  t.equal(own.toString(), 'a small page piece')
  t.equal(own.buffer.byteLength, own.length)
  t.equal(owned(own), own, 'already its own: not copied again')
})
