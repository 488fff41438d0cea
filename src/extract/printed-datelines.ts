/**
 * Datelines a page prints without markup or a class that names them: beside
 * the headline, after a label ("Veröffentlicht am 07.06.2019", "Posted on
 * Tuesday 15 October 2019"), or at the head of the article's first
 * paragraphs ("Bern, 17.08.2007 - …"). Read as ISO wall times without a zone.
 */
import { readDateText, readOpeningDateline } from './date-text.js'
import { placeOf, textOf } from './page-place.js'

/** A printed date after one of these words is when the page was updated, not published. */
export const UPDATED =
  /\b(?:updated?|last modified|modified|aktualisiert|geändert|zuletzt|letzte änderung|stand|zaktualizowano|mis à jour|modifié|actualizado|aggiornato)\b/i
/** Longer than this, an element is a paragraph that mentions a date, not a dateline. */
export const MAX_DATELINE = 200
/** A dateline beside the headline sits within this many levels up and siblings away from it. */
const HEADLINE_CLIMB = 3
const HEADLINE_REACH = 3
/** Words that label a publication date, at the start of a line ("Erstellt am:", "Published on", "Publié le"). */
const PUBLISHED_LABEL =
  /^\s*(?:veröffentlicht|erschienen|erstellt|publiziert|published|posted|publié|publicado|pubblicato|opublikowano)(?![\p{L}])(?:\s+(?:am|on|le|el|il|dnia)(?![\p{L}]))?\s*:?/iu
/** Between the label and the date only a weekday may stand ("Posted on Tuesday 15 October 2019"). */
const WEEKDAY_ONLY = /^[\p{L}.,\s]{0,14}$/u
/** The lede's dateline is in one of the first paragraphs after the headline. */
const LEDE_PARAGRAPHS = 3
const LEDE_REACH = 300

/**
 * The date printed beside the headline ("Handball Schweiz • 02.02.2022",
 * "21. Jan 2022 // Dominik Ricker"): in the nearest short sibling of the
 * <h1> or of one of its first ancestors, unless it says it is an update.
 */
export function datelineNearHeadline(headline: Element | null, lang: string | null): string | null {
  if (!headline) return null
  let node: Element = headline
  for (let level = 0; level < HEADLINE_CLIMB && node.parentElement; level++, node = node.parentElement) {
    const siblings = [...node.parentElement.children]
    const at = siblings.indexOf(node)
    for (let step = 1; step <= HEADLINE_REACH; step++) {
      for (const el of [siblings[at + step], siblings[at - step]]) {
        if (!el) continue
        const text = textOf(el)
        if (text.length > MAX_DATELINE || placeOf(el, undefined, headline) === 'outside') continue
        const date = readDateText(text, lang)
        if (date && !UPDATED.test(text.slice(0, text.search(/\d/)))) return date
      }
    }
  }
  return null
}

/**
 * The date a short line labels as the publication's ("Erstellt am: 30.01.2022
 * 18:36", "VERÖFFENTLICHT AM 07.06.2019"), outside comments; null unless every
 * such line of the page gives the same day (a list of posts gives several).
 */
export function labelledDate(document: Document, headline: Element | null, lang: string | null): string | null {
  const root = document.body ?? document.documentElement
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  const dates = new Set<string>()
  let first: string | null = null
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const label = PUBLISHED_LABEL.exec(node.nodeValue ?? '')
    const line = node.parentElement
    if (!label || !line || placeOf(line, undefined, headline) === 'outside') continue
    const text = textOf(line)
    const word = label[0].trim().toLowerCase()
    const after = text.slice(text.toLowerCase().indexOf(word) + word.length)
    const date = text.length <= MAX_DATELINE ? readDateText(after, lang) : null
    if (!date || !WEEKDAY_ONLY.test(after.slice(0, after.search(/\d/)))) continue
    first ??= date
    dates.add(date.slice(0, 10))
  }
  return dates.size === 1 ? first : null
}

/** The dateline that opens one of the first paragraphs after the headline ("Bern, 17.08.2007 - Rede …"). */
export function datelineOpeningLede(headline: Element | null, lang: string | null): string | null {
  if (!headline) return null
  const document = headline.ownerDocument
  const walker = document.createTreeWalker(document.body ?? document.documentElement, 1 /* SHOW_ELEMENT */)
  walker.currentNode = headline
  let paragraphs = 0
  for (let n = 0, node = walker.nextNode(); node && n < LEDE_REACH; n++, node = walker.nextNode()) {
    const el = node as Element
    if (el.localName !== 'p') continue
    const text = textOf(el)
    if (!text || placeOf(el, undefined, headline) === 'outside') continue
    const date = readOpeningDateline(text, lang)
    if (date) return date
    if (++paragraphs >= LEDE_PARAGRAPHS) break
  }
  return null
}
