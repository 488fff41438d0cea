import t from 'tap'
import { decodeWindows1252 } from '../../src/fetch/windows-1252.js'

const cases: [number[], string][] = [
  [[0x93, 0x48, 0x69, 0x94], '“Hi”'],
  [[0x80, 0x31, 0x30], '€10'],
  [[0x96, 0x97, 0x85], '–—…'],
  [[0x43, 0x61, 0x66, 0xe9], 'Café'],
  [[0x8a, 0x9a, 0x9f], 'ŠšŸ'],
]
for (const [bytes, text] of cases) t.equal(decodeWindows1252(Uint8Array.from(bytes)), text, text)
t.equal(decodeWindows1252(new Uint8Array(20000).fill(0x41)).length, 20000, 'long bodies decode in chunks')
