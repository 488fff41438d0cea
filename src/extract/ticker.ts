/**
 * A market ticker set as text: quotes run together with nothing between them,
 * each a price glued straight to its signed change ("ATX3078.02-0.24%ANDRITZ43.14-0.6%").
 * Prose puts a space, a word or a bracket between a figure and its change, so
 * three such glued quotes in one block are never a paragraph, in any language.
 */
const GLUED_QUOTE = /\d[+\-−–]\d+(?:[.,]\d+)?\s?%/g
const MIN_GLUED_QUOTES = 3

export function readsAsTicker(text: string): boolean {
  return (text.match(GLUED_QUOTE) ?? []).length >= MIN_GLUED_QUOTES
}
