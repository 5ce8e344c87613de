import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Task, TaskResult } from './tasks.ts';

/** Files in flight per worker: one being hashed while the next is decoded on sharp's threads. */
const PER_WORKER = 2;

export const DEFAULT_WORKERS = availableParallelism();

/**
 * Worker threads running the per-file tasks, so hashing uses every core; the main thread only
 * orders the results and writes output.
 */
export class WorkerPool {
  readonly #workers: { worker: Worker; pending: number }[];
  readonly #waiting = new Map<number, { resolve: (result: TaskResult) => void; reject: (error: Error) => void; slot: { pending: number } }>();
  #nextId = 0;

  constructor(size: number) {
    this.#workers = Array.from({ length: size }, () => {
      const slot = { worker: new Worker(new URL('./worker.mjs', import.meta.url)), pending: 0 };
      slot.worker.on('message', ({ id, result }: { id: number; result: TaskResult }) => {
        const waiting = this.#waiting.get(id)!;
        this.#waiting.delete(id);
        slot.pending--;
        waiting.resolve(result);
      });
      slot.worker.on('error', (error) => {
        for (const [id, waiting] of this.#waiting) {
          if (waiting.slot !== slot) continue;
          this.#waiting.delete(id);
          waiting.reject(error);
        }
      });
      return slot;
    });
  }

  /** How many tasks to keep in flight to keep every worker busy. */
  get capacity(): number {
    return this.#workers.length * PER_WORKER;
  }

  run(task: Task): Promise<TaskResult> {
    const slot = this.#workers.reduce((a, b) => (b.pending < a.pending ? b : a));
    slot.pending++;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}
