/**
 * A registration worker: runs the shared `registerImageFile` off the page's main thread, so the
 * options page stays responsive while a folder of thousands of images is hashed.
 * createImageBitmap, OffscreenCanvas, crypto.subtle and IndexedDB all work in workers.
 */
import { Registry } from '../../src/registry/store.ts';
import { runRegisterJob, type RegisterJob } from './register.ts';

let registry: Promise<Registry> | undefined;

// Typed against the project's DOM lib; in a worker `self.postMessage` takes just the message.
self.addEventListener('message', (event: MessageEvent<RegisterJob>) => {
  registry ??= Registry.open();
  void runRegisterJob(registry, event.data).then((outcome) => self.postMessage(outcome));
});
