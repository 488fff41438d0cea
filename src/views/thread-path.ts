/** A slug is at most this long, cut at a word. */
const SLUG_MAX = 60

/** Letters NFKD does not take apart into a base letter and its marks. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' }

/**
 * A headline as an address reads it: ASCII letters and digits, lower case, words joined by hyphens,
 * at most SLUG_MAX characters, cut at a word. Empty when nothing is left (no headline yet, or one in
 * a script without Latin letters).
 */
export function threadSlug(title: string | null): string {
  if (!title) return ''
  const words = title
    .toLowerCase()
    .replace(/[ßæøœđðłþı]/g, (c) => LETTERS[c]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "Can't" is one word.
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (words.length <= SLUG_MAX) return words
  const cut = words.slice(0, SLUG_MAX + 1)
  const end = cut.lastIndexOf('-')
  return end > 0 ? cut.slice(0, end) : words.slice(0, SLUG_MAX)
}

/** A thread's page address, its headline's slug after its id; the bare id while it has no slug. */
export function threadPath(id: number, title: string | null): string {
  const slug = threadSlug(title)
  return slug ? `/threads/${id}-${slug}` : `/threads/${id}`
}
