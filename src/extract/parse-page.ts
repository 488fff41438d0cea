/**
 * HTML → Document. A new JSDOM builds a whole window (its interfaces, its
 * globals) for every page, some 8% of a page's time; a window's DOMParser
 * makes only a document. But a window keeps every document its DOMParser
 * made until the window itself goes (+38 MiB per 30 pages, more on large pages), so each window
 * parses a few pages and is then let go: memory stays flat, and the
 * window's cost is shared. Documents made this way have no address of their
 * own: the digest resolves its URLs against the page's address itself.
 */
import { JSDOM, VirtualConsole } from 'jsdom'

const PAGES_PER_WINDOW = 4

let window: JSDOM['window'] | undefined
let parsed = 0

export function parsePage(html: string): Document {
  if (!window || parsed >= PAGES_PER_WINDOW) {
    window?.close()
    // Silent: parse complaints about a page's markup are not ours to log.
    window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window
    parsed = 0
  }
  parsed++
  return new window.DOMParser().parseFromString(html, 'text/html')
}
