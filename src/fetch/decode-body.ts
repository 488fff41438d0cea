/**
 * A response body as text: decompressed (gzip, deflate, brotli) within the
 * size cap, then decoded with the charset a browser would pick.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { Writable, type Readable, type Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { TextDecoder } from 'node:util'
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { DigestFailure } from '../digest/failure.js'
import { decodeWindows1252 } from './windows-1252.js'

/**
 * How far into a page a <meta> charset is looked for. The spec's prescan reads 1 KB, but a browser
 * that meets the declaration later in the head still switches to it; real pages put it after
 * kilobytes of scripts, styles and link tags.
 */
const META_SNIFF_BYTES = 64 * 1024

// Sync flush tolerates bodies cut short at the end, as browsers do.
const ZLIB_FLUSH = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }
const BROTLI_FLUSH = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH }
const DECODERS: ReadonlyMap<string, () => Transform> = new Map([
  ['gzip', () => createGunzip(ZLIB_FLUSH)],
  ['x-gzip', () => createGunzip(ZLIB_FLUSH)],
  ['deflate', () => createInflate(ZLIB_FLUSH)],
  ['br', () => createBrotliDecompress(BROTLI_FLUSH)],
])

export const canDecode = (coding: string) => DECODERS.has(coding)

export function parseContentCodings(headers: IncomingHttpHeaders): string[] {
  return (firstHeader(headers, 'content-encoding') ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
}

/** Decoders in the order they must be applied, the reverse of the order the codings were applied. */
export function createDecoders(codings: string[]): Transform[] {
  return codings.toReversed().flatMap((coding) => DECODERS.get(coding)?.() ?? [])
}

/** Reads the body through the decoders, stopping as soon as the decompressed size passes the cap. */
export async function readBody(body: Readable, decoders: Transform[], maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      if (size > maxBytes) return callback(tooLarge(maxBytes))
      chunks.push(chunk)
      callback()
    },
  })
  await pipeline([body, ...decoders, sink])
  return Buffer.concat(chunks, size)
}

export function tooLarge(maxBytes: number): DigestFailure {
  return new DigestFailure('too_large', `The page is larger than ${formatSize(maxBytes)}.`, true)
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`
  return `${bytes} bytes`
}

/**
 * Decodes with the encoding a browser would pick: a byte order mark wins (as in
 * the WHATWG sniffing rules), then the Content-Type charset, then a <meta>
 * declaration in the head, then UTF-8.
 */
export function decodeHtml(bytes: Buffer, contentType: string): string {
  const label = sniffBom(bytes) ?? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] ?? sniffMetaCharset(bytes)
  const decoder = createDecoder(label ?? 'utf-8')
  const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes)
  // NUL is never text, and Postgres cannot store it in a text column.
  return text.includes('\0') ? text.replaceAll('\0', '') : text
}

function sniffBom(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  return undefined
}

/** A charset declared by a <meta> in the page's head: what comes after <body> is the page's text, not its settings. */
function sniffMetaCharset(bytes: Buffer): string | undefined {
  const start = bytes.subarray(0, META_SNIFF_BYTES).toString('latin1')
  const body = start.search(/<body[\s>]/i)
  const head = body === -1 ? start : start.slice(0, body)
  const label = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]
  // Markup we could read as ASCII cannot really be UTF-16, so browsers read such pages as UTF-8.
  return label?.toLowerCase().startsWith('utf-16') ? 'utf-8' : label
}

function createDecoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label)
  } catch {
    return new TextDecoder('utf-8')
  }
}

export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}
