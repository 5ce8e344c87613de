import browser, { type Runtime } from 'webextension-polyfill';
import {
  CHECK_IMAGE_PORT,
  NO_MATCH_BATCH_MS,
  senderKind,
  type CheckImagePortAnswer,
  type CheckImagePortReply,
  type CheckImagePortRequest,
  type MessageMap,
  type Verdict,
} from '../messages.ts';

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
    let waiting: CheckImagePortReply[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    port.onDisconnect.addListener(() => (open = false));
    port.onMessage.addListener((raw: unknown) => {
      const request = raw as Partial<CheckImagePortRequest>;
      if (typeof request?.id !== 'number' || typeof request.payload?.imageUrl !== 'string') return;
      const id = request.id;
      check(request.payload, sender).then(
        (verdict) => reply({ id, verdict }),
        (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
      );
    });
    function reply(message: CheckImagePortReply): void {
      waiting.push(message);
      if ('verdict' in message && message.verdict.status === 'match') flush();
      else timer ??= setTimeout(flush, NO_MATCH_BATCH_MS);
    }
    function flush(): void {
      clearTimeout(timer);
      timer = undefined;
      const replies = waiting;
      waiting = [];
      // The tab may have navigated away meanwhile: its verdicts are cached for the next page anyway.
      if (open) port.postMessage({ replies } satisfies CheckImagePortAnswer);
    }
  });
}
