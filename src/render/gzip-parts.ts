import { constants, crc32, deflateRawSync } from 'node:zlib'

/**
 * A gzip stream put together from pieces, most compressed once and kept, some (a member's own
 * parts of a cached page) new on each request and stored as they are. Each kept piece is a deflate
 * stream of its own, ended by a sync flush: byte-aligned, not final, with no reference to what came
 * before, so pieces can follow each other in any order. Stored blocks need no compressing at all.
 */
export interface Piece {
  plain: Buffer
  /** The piece compressed by `deflatePiece`; absent: sent as stored blocks. */
  deflated?: Buffer
}

/**
 * At zlib's default level: a page is compressed on every change, and the best level costs several
 * times the time for a few percent. An empty piece adds no bytes (zlib would end the stream).
 */
export const deflatePiece = (plain: Buffer): Buffer =>
  plain.length === 0 ? Buffer.alloc(0) : deflateRawSync(plain, { finishFlush: constants.Z_SYNC_FLUSH })

/** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
/** An empty stored block marked final. */
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff])
const STORED_MAX = 0xffff

function storedBlocks(plain: Buffer): Buffer[] {
  const blocks: Buffer[] = []
  for (let at = 0; at < plain.length; at += STORED_MAX) {
    const chunk = plain.subarray(at, at + STORED_MAX)
    const head = Buffer.alloc(5)
    head.writeUInt16LE(chunk.length, 1)
    head.writeUInt16LE(~chunk.length & 0xffff, 3)
    blocks.push(head, chunk)
  }
  return blocks
}

export function gzipPieces(pieces: Piece[]): Buffer {
  const out: Buffer[] = [HEADER]
  let crc = 0
  let size = 0
  for (const piece of pieces) {
    crc = crc32(piece.plain, crc)
    size += piece.plain.length
    if (piece.deflated) out.push(piece.deflated)
    else out.push(...storedBlocks(piece.plain))
  }
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size % 2 ** 32, 4)
  return Buffer.concat([...out, LAST_BLOCK, trailer])
}
