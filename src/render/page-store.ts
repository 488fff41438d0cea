/**
 * The rendered pages a web process keeps, and when each stops being true.
 *
 * Every change Postgres announces (a thread and what hangs off it, or something any page may show)
 * advances a sequence number. A page remembers the number it was rendered at, taken before its data
 * was read: it is served only while no change that concerns it came after that number. A list page
 * is concerned by every change; a thread's page only by its own thread's and by changes that name no
 * thread. Counters that change with every post elsewhere (a poster's post count) are not announced:
 * a page older than `maxAgeMs` is rendered again, so they are never staler than that.
 */
export interface StoredPage<T> {
  /** The sequence number taken before the page's data was read. */
  stamp: number
  renderedAt: number
  /** The thread a thread page shows; undefined for list pages. */
  thread: number | undefined
  value: T
  bytes: number
}

/** Past this many threads with a remembered change, they are forgotten and every older page with them. */
const REMEMBERED_THREADS = 50_000

export class PageStore<T> {
  private seq = 0
  /** Pages rendered before this are stale: a change that named no thread, or forgotten threads. */
  private floor = 0
  private listsChangedAt = 0
  private readonly threadChangedAt = new Map<number, number>()
  /** In least-recently-used order: a Map iterates in insertion order, and a hit is moved to the end. */
  private readonly pages = new Map<string, StoredPage<T>>()
  private bytes = 0

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Taken before reading what a page shows. */
  stamp(): number {
    return this.seq
  }

  /** A change announced for `thread`, or for everything (null: also after missed announcements). */
  changed(thread: number | null): void {
    this.seq++
    this.listsChangedAt = this.seq
    if (thread === null) {
      this.floor = this.seq
      this.clear()
      return
    }
    this.threadChangedAt.set(thread, this.seq)
    if (this.threadChangedAt.size > REMEMBERED_THREADS) {
      this.threadChangedAt.clear()
      this.floor = this.seq
    }
  }

  get(key: string): StoredPage<T> | undefined {
    const page = this.pages.get(key)
    if (!page) return undefined
    if (!this.isCurrent(page)) {
      this.drop(key, page)
      return undefined
    }
    this.pages.delete(key)
    this.pages.set(key, page)
    return page
  }

  /** Keeps a page unless a change came while it was rendered; the least recently used go past `maxBytes`. */
  set(key: string, page: Omit<StoredPage<T>, 'renderedAt'>): void {
    const stored = { ...page, renderedAt: this.now() }
    if (!this.isCurrent(stored) || stored.bytes > this.maxBytes) return
    const old = this.pages.get(key)
    if (old) this.drop(key, old)
    this.pages.set(key, stored)
    this.bytes += stored.bytes
    for (const [oldest, first] of this.pages) {
      if (this.bytes <= this.maxBytes) break
      this.drop(oldest, first)
    }
  }

  get size(): number {
    return this.pages.size
  }

  private isCurrent(page: StoredPage<T>): boolean {
    if (page.stamp < this.floor || this.now() - page.renderedAt >= this.maxAgeMs) return false
    const changedAt = page.thread === undefined ? this.listsChangedAt : (this.threadChangedAt.get(page.thread) ?? 0)
    return page.stamp >= changedAt
  }

  private drop(key: string, page: StoredPage<T>): void {
    this.pages.delete(key)
    this.bytes -= page.bytes
  }

  private clear(): void {
    this.pages.clear()
    this.bytes = 0
  }
}
