import browser, { type Runtime } from 'webextension-polyfill';
import { CHECK_IMAGE_PORT, type CheckImagePortAnswer, type CheckImagePortRequest, type MessageMap, type Verdict } from '../messages.ts';

interface Pending {
  resolve(verdict: Verdict): void;
  reject(error: Error): void;
}

let port: Runtime.Port | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** The page's one port to the background, opened on first use and again after the background restarted. */
function connect(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: CHECK_IMAGE_PORT });
  opened.onMessage.addListener((raw: unknown) => {
    for (const reply of (raw as CheckImagePortAnswer)?.replies ?? []) {
      const waiting = pending.get(reply?.id);
      if (!waiting) continue;
      pending.delete(reply.id);
      if ('verdict' in reply) waiting.resolve(reply.verdict);
      else waiting.reject(new Error(reply.error));
    }
  });
  opened.onDisconnect.addListener(() => {
    // An MV3 service worker (or Firefox event page) was stopped: what was in flight is asked again by the caller.
    if (port === opened) port = undefined;
    const lost = [...pending.values()];
    pending.clear();
    for (const request of lost) request.reject(new Error('the background stopped'));
  });
  port = opened;
  return opened;
}

/**
 * `content:check-image` over the port: same payload and reply as the message, for a fraction of its
 * main-thread cost. Rejects when the background goes away mid-request; callers retry.
 */
export function checkImageOverPort(payload: MessageMap['content:check-image']['payload']): Promise<Verdict> {
  return new Promise<Verdict>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    try {
      connect().postMessage({ id, payload } satisfies CheckImagePortRequest);
    } catch (error) {
      pending.delete(id);
      port = undefined;
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
