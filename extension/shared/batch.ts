/**
 * Items that travel together: each may wait up to its own limit, and the whole batch goes when the
 * most pressed one must. A port message costs the page about the same whatever it holds
 * (extension/messages.ts), so the content script batches its requests and the background its replies.
 */
export class Batch<T> {
  #items: T[] = [];
  /** The timer that sends the batch; a timer set earlier finds it is not this one and does nothing. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires (performance.now()); Infinity when none is set. */
  #due = Infinity;

  constructor(private readonly send: (items: T[]) => void) {}

  /** Adds an item that may wait `within` ms; 0 or less sends the batch now. */
  add(item: T, within: number): void {
    this.#items.push(item);
    if (within <= 0) return this.flush();
    const due = performance.now() + within;
    if (due >= this.#due) return;
    this.#due = due;
    // A timer is set, never cleared: in a Chromium content script clearTimeout cost more than all the
    // rest of the batching (CPU profile of bench:feed), and a stale timer firing costs one empty task.
    const timer = setTimeout(() => {
      if (this.#timer === timer) this.flush();
    }, within);
    this.#timer = timer;
  }

  flush(): void {
    const items = this.#items;
    this.clear();
    if (items.length > 0) this.send(items);
  }

  /** Drops what waits. */
  clear(): void {
    this.#timer = undefined;
    this.#due = Infinity;
    this.#items = [];
  }
}
