import { sendToBackground } from '../messages.ts';

const events = new EventTarget();

/** Runs `listener` after any change to the registry made on this page (or noticed by it). */
export function onRegistryChanged(listener: () => void): void {
  events.addEventListener('changed', listener);
}

/** Every change to the registry ends here: the page's views refresh and the background reloads its index. */
export async function registryChanged(): Promise<void> {
  events.dispatchEvent(new Event('changed'));
  // The background may be restarting; it rebuilds its index on demand anyway.
  await sendToBackground('options:registry-changed', {}).catch(() => undefined);
}
