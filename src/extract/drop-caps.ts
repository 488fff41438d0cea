/**
 * A drop cap set apart from its paragraph: the story's first letter in an
 * element of its own before the <p> (floated large beside it; Readability
 * may wrap it in a <p> of its own), so that the paragraph reads from the
 * second letter on ("urkey, Poland and …"). The letter goes back in front
 * of the paragraph's text, with whatever space the paragraph opens with
 * ("A" before " man walked in" is a word of its own).
 */

/** One capital letter, maybe after an opening quote. */
const DROP_CAP = /^["'„“«‚‘]?\p{Lu}$/u
/** The paragraph goes on from the letter: its text opens with a small letter. */
const GOES_ON = /^\s*\p{Ll}/u

/** The element just before `el`, with only blank text between them. */
function previousElement(el: Element): Element | null {
  for (let node = el.previousSibling; node; node = node.previousSibling) {
    if (node.nodeType === 1 /* ELEMENT_NODE */) return node as Element
    if (/\S/.test(node.nodeValue ?? '')) return null
  }
  return null
}

/** The element before `p` when it holds a drop cap: a letter alone, maybe in one inline element. */
function dropCapBefore(p: Element): { cap: Element; letter: string } | null {
  const cap = previousElement(p)
  if (!cap || cap.childElementCount > 1) return null
  const letter = (cap.textContent ?? '').trim()
  return DROP_CAP.test(letter) ? { cap, letter } : null
}

/** Moves each drop cap set before its paragraph back into it. */
export function joinDropCaps(root: Element): void {
  // A walker, not getElementsByTagName: indexing jsdom's live collection costs more than walking the tree.
  const walker = root.ownerDocument.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */)
  const found: Array<{ p: Element; cap: Element; letter: string }> = []
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
    if (el.localName !== 'p') continue
    const before = dropCapBefore(el)
    if (before && GOES_ON.test(el.textContent ?? '')) found.push({ p: el, ...before })
  }
  for (const { p, cap, letter } of found) {
    p.prepend(letter)
    cap.remove()
  }
}
