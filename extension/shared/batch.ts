/**
 * Items that travel together: each may wait up to its own limit, and the whole batch goes when the
 * most pressed one must. A port message costs the page about the same whatever it holds
 * (extension/messages.ts), so the content script batches its requests and the background its replies.
 */
export class Batch<T> {
  #items: T[] = [];
  /** What sends the batch, a timer or a microtask; one set earlier finds it is not this one and does nothing. */
  #sender: object | undefined;
  /** When the batch goes (performance.now()); Infinity when nothing is set to send it. */
  #due = Infinity;

  constructor(private readonly send: (items: T[]) => void) {}

  /**
   * Adds an item that may wait `within` ms; 0 or less sends the batch at the end of this task (its
   * microtasks), with whatever else the task adds: a callback's items go in one message, with no task of
   * their own.
   */
  add(item: T, within: number): void {
    this.#items.push(item);
    const due = performance.now() + Math.max(0, within);
    if (due >= this.#due) return;
    this.#due = due;
    const sender = {};
    this.#sender = sender;
    const send = () => {
      if (this.#sender === sender) this.flush();
    };
    // A timer is set, never cleared: in a Chromium content script clearTimeout cost more than all the
    // rest of the batching (CPU profile of bench:feed), and a stale timer firing costs one empty task.
    if (within > 0) setTimeout(send, within);
    else queueMicrotask(send);
  }

  flush(): void {
    const items = this.#items;
    this.clear();
    if (items.length > 0) this.send(items);
  }

  /** Drops what waits. */
  clear(): void {
    this.#sender = undefined;
    this.#due = Infinity;
    this.#items = [];
  }
}
