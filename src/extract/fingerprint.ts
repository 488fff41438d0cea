/**
 * SimHash of an article's text: near-identical texts (the same wire story on
 * many sites, with a different headline, byline or last paragraph) get
 * fingerprints a few bits apart. 64 bits over 3-word shingles, FNV-1a hashed.
 */

const MASK = (1n << 64n) - 1n
const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n

/** Fewer words than this give no fingerprint: short texts look alike too easily. */
export const MIN_WORDS = 150
/**
 * At most this many differing bits count as the same story (compared in SQL: src/db/thread-view.ts).
 * Its four-band index lookup finds every pair up to 3 bits apart, and only those: raising this
 * needs more, narrower bands (sql/014-syndication-bands.sql).
 */
export const MAX_DISTANCE = 3

function fnv1a(text: string): bigint {
  let hash = FNV_OFFSET
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i))
    hash = (hash * FNV_PRIME) & MASK
  }
  return hash
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/** The fingerprint as a signed 64-bit integer (Postgres bigint), or null for a short text. */
export function simhash(text: string): bigint | null {
  const tokens = words(text)
  if (tokens.length < MIN_WORDS) return null
  const weights = Array.from({ length: 64 }, () => 0)
  for (let i = 0; i + 2 < tokens.length; i++) {
    const hash = fnv1a(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`)
    for (let bit = 0; bit < 64; bit++) weights[bit]! += (hash >> BigInt(bit)) & 1n ? 1 : -1
  }
  let fingerprint = 0n
  for (let bit = 0; bit < 64; bit++) if (weights[bit]! > 0) fingerprint |= 1n << BigInt(bit)
  return BigInt.asIntN(64, fingerprint)
}
