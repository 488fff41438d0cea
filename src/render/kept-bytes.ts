/**
 * Bytes kept for long (the page cache's pages) in memory of their own, exactly their size. Node
 * hands out small Buffers as slices of a shared 8 KB pool, and zlib its results as slices of a
 * 16 KB output chunk: a kept slice holds on to the whole of that memory, so a page of many small
 * pieces, each compressed on its own, held many times its size (320 MiB of memory under a 64 MiB
 * page cache, measured under bench:load).
 */
export function packed(buffers: readonly Buffer[]): Buffer[] {
  const whole = Buffer.allocUnsafeSlow(buffers.reduce((n, b) => n + b.length, 0))
  let at = 0
  return buffers.map((b) => {
    const start = at
    at += b.copy(whole, at)
    return whole.subarray(start, at)
  })
}

/** One Buffer as `packed` keeps it; one that already has its memory to itself is kept as it is. */
export const owned = (buffer: Buffer): Buffer =>
  buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length ? buffer : packed([buffer])[0]!
