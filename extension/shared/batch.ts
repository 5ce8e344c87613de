/**
 * Items that travel together: each may wait up to its own limit, and the whole batch goes when the
 * most pressed one must. A port message costs the page about the same whatever it holds
 * (extension/messages.ts), so the content script batches its requests and the background its replies.
 */
export class Batch<T> {
  #items: T[] = [];
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
    clearTimeout(this.#timer);
    this.#due = due;
    this.#timer = setTimeout(() => this.flush(), within);
  }

  flush(): void {
    const items = this.#items;
    this.clear();
    if (items.length > 0) this.send(items);
  }

  /** Drops what waits. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = Infinity;
    this.#items = [];
  }
}
