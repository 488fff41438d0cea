/** Small text helpers shared by the extraction rules. */

export function collapseWhitespace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g

/**
 * Length in "Latin characters": CJK characters carry about twice the
 * information of a Latin letter, so they count double in length thresholds.
 */
export function weightedLength(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0
  return text.length + wide
}

/** Ends like a sentence: . ! ? … or CJK 。！？, optionally followed by closing quotes/brackets. */
export function endsLikeSentence(text: string): boolean {
  return /[.!?…。！？][\s"'”’»)\]]*$/.test(text)
}

/** One sentence ending and the next one starting within the text: ". The", "?» Die". */
export function holdsSentenceBreak(text: string): boolean {
  return /[.!?…]["'”’»)]*\s+["'„“«(]?\p{Lu}/u.test(text)
}

/** Running text, as opposed to a label, a name or a teaser line: this long, and holding or ending in a sentence. */
export function readsAsRunningText(text: string, minLength: number): boolean {
  return weightedLength(text) >= minLength && (endsLikeSentence(text) || holdsSentenceBreak(text))
}

/** Comparison key: case, accents' compatibility forms and punctuation ignored. */
export function textKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/** Cuts at a word boundary so that the result plus "…" has at most `max` characters. */
export function truncateAtWord(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  const limit = Math.max(1, max - 1)
  let cut = chars.slice(0, limit).join('')
  const space = cut.lastIndexOf(' ')
  const atWordEnd = /\s/.test(chars[limit] ?? ' ')
  // Text without spaces (CJK) is cut at the character limit instead.
  if (!atWordEnd && space > limit / 2) cut = cut.slice(0, space)
  return `${cut.replace(/[\s,;:–—-]+$/, '')}…`
}
