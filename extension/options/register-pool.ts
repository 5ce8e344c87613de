import type { Registry } from '../../src/registry/store.ts';
import { runRegisterJob, type RegisterJob, type RegisterOutcome } from '../shared/register.ts';

/** Jobs each worker holds at once: one decoding while the next file is read and hashed. */
const JOBS_PER_WORKER = 2;

interface Pending {
  job: RegisterJob;
  resolve(outcome: RegisterOutcome): void;
}

/**
 * A small pool of registration workers (register-worker.ts). Each job is the shared
 * `registerImageFile` run in a worker; should workers be unavailable, the page runs it itself.
 */
export class RegisterPool {
  readonly #workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  #nextId = 0;
  #broken = false;

  constructor(
    private readonly registry: Registry,
    size = Math.min(4, Math.max(2, navigator.hardwareConcurrency || 2)),
  ) {
    try {
      for (let i = 0; i < size; i++) {
        const worker = new Worker(new URL('../shared/register-worker.ts', import.meta.url), { type: 'module', name: `register-${i}` });
        const slot = { worker, pending: new Map<number, Pending>() };
        worker.addEventListener('message', (event: MessageEvent<RegisterOutcome>) => {
          const pending = slot.pending.get(event.data.id);
          slot.pending.delete(event.data.id);
          pending?.resolve(event.data);
        });
        // A worker that fails to load or dies: its jobs, and all later ones, run in the page.
        worker.addEventListener('error', (event) => {
          event.preventDefault();
          this.#broken = true;
          const orphans = [...slot.pending.values()];
          slot.pending.clear();
          for (const { job, resolve } of orphans) void runRegisterJob(this.registry, job).then(resolve);
        });
        this.#workers.push(slot);
      }
    } catch {
      this.#broken = true;
    }
  }

  /** Whether jobs run in workers (false once the page has had to take over). */
  get inWorkers(): boolean {
    return !this.#broken && this.#workers.length > 0;
  }

  /** How many jobs keep the pool busy without queueing inside it. */
  get capacity(): number {
    return this.#broken ? 2 : this.#workers.length * JOBS_PER_WORKER;
  }

  register(file: Blob, fileName: string): Promise<RegisterOutcome> {
    const job: RegisterJob = { id: this.#nextId++, file, fileName };
    if (this.#broken || this.#workers.length === 0) return runRegisterJob(this.registry, job);
    const slot = this.#workers.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    return new Promise((resolve) => {
      slot.pending.set(job.id, { job, resolve });
      slot.worker.postMessage(job);
    });
  }

  terminate(): void {
    for (const { worker } of this.#workers) worker.terminate();
    this.#workers.length = 0;
  }
}
