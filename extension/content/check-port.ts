import browser, { type Runtime } from 'webextension-polyfill';
import {
  CHECK_IMAGE_PORT,
  REPLY_BATCH_MS,
  REQUEST_BATCH_MS,
  type CheckImagePortAnswer,
  type CheckImagePortRequest,
  type MessageMap,
  type Verdict,
} from '../messages.ts';
import { Batch } from '../shared/batch.ts';

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
    requests.clear();
    for (const request of lost) request.reject(new Error('the background stopped'));
  });
  port = opened;
  return opened;
}

type Payload = MessageMap['content:check-image']['payload'];

/** Requests not sent yet. */
const requests = new Batch<CheckImagePortRequest['requests'][number]>((batch) => {
  try {
    connect().postMessage({ requests: batch } satisfies CheckImagePortRequest);
  } catch (error) {
    port = undefined;
    for (const { id } of batch) {
      pending.get(id)?.reject(error instanceof Error ? error : new Error(String(error)));
      pending.delete(id);
    }
  }
});

/**
 * `content:check-image` over the port: same payload and reply as the message, for a fraction of its
 * main-thread cost. `slack` (ms, see `slackFor`; 0 when the user asked and waits) is how long the
 * request and its reply may be held back to share a message with others: half of it here, at most
 * REQUEST_BATCH_MS, the rest in the background. Rejects when the background goes away mid-request;
 * callers retry.
 */
export function checkImageOverPort(payload: Payload, slack = 0): Promise<Verdict> {
  return new Promise<Verdict>((resolve, reject) => {
    const id = nextId++;
    const hold = Math.min(REQUEST_BATCH_MS, slack / 2);
    pending.set(id, { resolve, reject });
    requests.add({ id, payload, replyWithin: Math.min(REPLY_BATCH_MS, slack - hold) }, hold);
  });
}
