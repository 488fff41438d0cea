import { USERNAME_MAX } from '../limits.js'

/** Names written as @name in a post (at most this many are told: a list of names is not a broadcast). */
const MENTIONS_MAX = 20
const MENTION = new RegExp(`(?<![\\w@])@([A-Za-z0-9][A-Za-z0-9_.-]{2,${USERNAME_MAX - 1}})`, 'g')

/** The member names a post mentions, lower case, each once; a trailing dot ends a sentence, not a name. */
export function mentionsIn(body: string): string[] {
  const names = new Set<string>()
  for (const m of body.matchAll(MENTION)) {
    names.add(m[1]!.replace(/[.]+$/, '').toLowerCase())
    if (names.size >= MENTIONS_MAX) break
  }
  return [...names]
}
