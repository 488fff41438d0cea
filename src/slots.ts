/**
 * At most `size` pieces of work at once in this process; the next wait for a slot in the order
 * they came. Given a wait, each waits at most that long: a short burst is served a moment late,
 * and a flood is refused (with the wait's error) rather than queued behind work that will not
 * end soon.
 */
export class Slots {
  #running = 0
  /** Each waiter's turn, oldest first: called, it holds the slot its predecessor left. */
  readonly #waiting = new Set<() => void>()

  constructor(
    private readonly size: number,
    private readonly wait?: { ms: number; refuse: () => Error },
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.#take()
    try {
      return await work()
    } finally {
      this.#leave()
    }
  }

  #take(): Promise<void> {
    if (this.#running < this.size) {
      this.#running++
      return Promise.resolve()
    }
    const wait = this.wait
    if (!wait) return new Promise((resolve) => this.#waiting.add(resolve))
    return new Promise((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer)
        resolve()
      }
      const timer = setTimeout(() => {
        this.#waiting.delete(turn)
        reject(wait.refuse())
      }, wait.ms)
      this.#waiting.add(turn)
    })
  }

  #leave() {
    const [next] = this.#waiting
    if (next === undefined) {
      this.#running--
      return
    }
    // The slot goes straight to the oldest waiter, never to whoever asks next.
    this.#waiting.delete(next)
    next()
  }
}
