import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.ts';

/** A pool worker: runs each task it is sent and answers with the same id. */
parentPort!.on('message', async ({ id, task }: { id: number; task: Task }) => {
  const result = await runTask(task);
  parentPort!.postMessage({ id, result });
});
