/**
 * A note about the author set above the story: an author box beside the
 * headline whose line introduces the writer by full name ("Jane Doe is a
 * reporter on the climate desk …", "Jane Doe ist Redakteurin im Ressort …"),
 * or a bio behind its label ("About the author: …"). Readability keeps such
 * a box when it sits inside the article, and it is then quoted as the lede.
 */
import { weightedLength } from './text.js'

/** A note about the author is a sentence or two. */
const MAX_BIO = 400
/** "About the author:", "Über die Autorin:", "À propos de l'auteur :": a bio's label. */
const BIO_LABEL =
  /^(?:about the author|about the writer|über (?:den|die) autor(?:in)?|zu(?:m|r) autor(?:in)?|à propos de l['’]auteur|sobre (?:el|la) autor(?:a)?|sull['’]autore|o autorze|over de auteur)\s*[:：]/i

/** After the name, a bio goes on in small letters ("is a", "ist", "studied") or with the writer's age in brackets. */
const GOES_ON = /^(?:\p{Ll}|\()/u

/** Introduces the writer: the byline's full name, then the rest of a sentence about them. */
function introducesAuthor(text: string, byline: string | null): boolean {
  if (!byline || !/\S\s+\S/.test(byline) || !text.startsWith(`${byline} `)) return false
  return GOES_ON.test(text.slice(byline.length + 1))
}

const isBio = (text: string, byline: string | null) =>
  weightedLength(text) <= MAX_BIO && (BIO_LABEL.test(text) || introducesAuthor(text, byline))

/** The paragraphs less the notes about the author above the story. */
export function withoutOpeningBio(paragraphs: string[], byline: string | null): string[] {
  let start = 0
  while (start < paragraphs.length - 1 && isBio(paragraphs[start]!, byline)) start++
  return start === 0 ? paragraphs : paragraphs.slice(start)
}
