/**
 * Bytes the fixture server sends, by who asked: the page's own `<img>` loads (Sec-Fetch-Dest: image)
 * or the extension's fetches from its service worker (Sec-Fetch-Dest: empty, no page as referrer).
 * Node's http diagnostics channel sees every request of the harness's HTTPS server without changing it.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Requester = 'page' | 'extension' | 'other';

export interface ByteCounter {
  bytes: Record<Requester, number>;
  requests: Record<Requester, number>;
  reset(): void;
  close(): void;
}

function requesterOf(request: IncomingMessage): Requester {
  const { origin = '', referer, 'sec-fetch-dest': dest, 'sec-fetch-site': site } = request.headers;
  if (dest === 'image') return 'page';
  // Chromium sends a host-permitted fetch from the service worker without Origin or Referer, as
  // Sec-Fetch-Site: none; Firefox names the moz-extension: origin.
  if (origin.startsWith('moz-extension://') || origin.startsWith('chrome-extension://') || (site === 'none' && !referer)) return 'extension';
  return 'other';
}

/** Counts response body bytes sent for `host` (an image CDN: every response is an image). */
export function countImageBytes(host: string): ByteCounter {
  const counter: ByteCounter = {
    bytes: { page: 0, extension: 0, other: 0 },
    requests: { page: 0, extension: 0, other: 0 },
    reset() {
      counter.bytes = { page: 0, extension: 0, other: 0 };
      counter.requests = { page: 0, extension: 0, other: 0 };
    },
    close: () => unsubscribe('http.server.request.start', onRequest),
  };
  const onRequest = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.headers.host?.split(':')[0] !== host) return;
    const who = requesterOf(request);
    const end = response.end.bind(response) as (chunk?: unknown) => ServerResponse;
    response.end = ((chunk?: unknown) => {
      if (chunk) {
        counter.bytes[who] += Buffer.byteLength(chunk as Buffer);
        counter.requests[who]++;
      }
      return end(chunk);
    }) as typeof response.end;
  };
  subscribe('http.server.request.start', onRequest);
  return counter;
}
