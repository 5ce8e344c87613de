import browser, { type Runtime } from 'webextension-polyfill';
import {
  CHECK_IMAGE_PORT,
  REPLY_BATCH_MS,
  senderKind,
  type CheckImagePortAnswer,
  type CheckImagePortReply,
  type CheckImagePortRequest,
  type MessageMap,
  type Verdict,
} from '../messages.ts';
import { Batch } from '../shared/batch.ts';

type Check = (payload: MessageMap['content:check-image']['payload'], sender: Runtime.MessageSender) => Promise<Verdict>;

/**
 * Answers `content:check-image` requests arriving over content scripts' long-lived ports, with the
 * same handler as the message. Only ports opened by our own content scripts in tabs are served.
 */
export function serveCheckImagePort(check: Check): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== CHECK_IMAGE_PORT || !port.sender || senderKind(port.sender) !== 'content') return;
    const sender = port.sender;
    let open = true;
    /**
     * Replies wait as long as the most pressed of them may (`replyWithin`), matches too: the scanner asked
     * far enough ahead that a marker held back still lands before the reader reaches its image.
     */
    const replies = new Batch<CheckImagePortReply>((batch) => {
      // The tab may have navigated away meanwhile: its verdicts are cached for the next page anyway.
      if (open) port.postMessage({ replies: batch } satisfies CheckImagePortAnswer);
    });
    port.onDisconnect.addListener(() => {
      open = false;
      replies.clear();
    });
    port.onMessage.addListener((raw: unknown) => {
      const requests = (raw as Partial<CheckImagePortRequest>)?.requests;
      if (!Array.isArray(requests)) return;
      for (const request of requests) {
        if (typeof request?.id !== 'number' || typeof request.payload?.imageUrl !== 'string') continue;
        const id = request.id;
        const within = Math.min(REPLY_BATCH_MS, Math.max(0, Number(request.replyWithin) || 0));
        check(request.payload, sender).then(
          (verdict) => replies.add({ id, verdict }, within),
          (error: unknown) => replies.add({ id, error: error instanceof Error ? error.message : String(error) }, within),
        );
      }
    });
  });
}
