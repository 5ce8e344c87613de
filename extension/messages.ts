import browser, { type Runtime } from 'webextension-polyfill';
import type { Cmi, Detection } from '../src/registry/schema.ts';

/** What the background answers for one image: the only place verdicts are shaped. */
export type Verdict =
  | { status: 'match'; matches: MatchSummary[] }
  | { status: 'none' }
  | { status: 'skipped'; reason: string };

export interface MatchSummary {
  workId: string;
  title: string;
  distance: number;
  /** data: URL of the registered work's thumbnail, for the marker. */
  thumbnail: string;
}

/** Why a page screenshot could not be taken. */
export type CaptureFailure = 'tab-closed' | 'no-permission' | 'failed';

export interface ScanResult {
  checked: number;
  matched: number;
}

/**
 * Every message, named by direction: `<sender>:<what>`, with its payload and its reply.
 * One map for all contexts keeps senders and receivers from drifting apart.
 */
export interface MessageMap {
  /** A content script reports an image it found; the background fetches, hashes and matches it. */
  'content:check-image': { payload: { imageUrl: string; pageUrl: string; pageTitle: string; site: string }; reply: Verdict };
  /**
   * The user clicked "Draft notice" on a marker: open the notice editor for that match in a tab;
   * with `review`, its "Review" button: the popup view of that tab's matches, in a tab.
   */
  'content:open-notice': { payload: { workId: string; imageUrl: string; review?: boolean }; reply: void };
  /** Progress of a page-wide scan, for the popup that asked for it. */
  'content:scan-progress': { payload: ScanResult & { total: number }; reply: void };
  /** The options page changed the registry: the background reloads its index. */
  'options:registry-changed': { payload: Record<string, never>; reply: void };
  /** The popup asks what was found in a tab. */
  'popup:tab-detections': { payload: { tabId: number }; reply: Detection[] };
  /** The popup asks to check every image on a tab (manual check; activeTab). */
  'popup:check-page': { payload: { tabId: number }; reply: ScanResult };
  /** The notice editor asks what creator metadata the found copy carries; null when it cannot be fetched. */
  'notice:found-cmi': { payload: { detectionId: string }; reply: Cmi | null };
  /** The same for the popup's list, which says when a match lacks the original's CMI. */
  'popup:found-cmi': { payload: { detectionId: string }; reply: Cmi | null };
  /** The notice editor asks for a screenshot of the page the copy was found on, while its tab is open. */
  'notice:capture-page': { payload: { detectionId: string }; reply: { ok: true; screenshotId: string } | { ok: false; reason: CaptureFailure } };
  /** The notice editor asks for the evidence pack: the zip, base64 (messages are JSON in Chrome), and its SHA-256. */
  'notice:evidence-pack': { payload: { detectionId: string; notice: { text: string; html: string } }; reply: { zip: string; sha256: string } };
  /** The background asks a content script to check every image on its page. */
  'background:scan-page': { payload: Record<string, never>; reply: ScanResult };
  /** The background asks a content script to check one image (context menu "Check this image"). */
  'background:check-image': { payload: { imageUrl: string }; reply: ScanResult };
}

/**
 * `content:check-image` also travels over one long-lived port per page: a feed reports an image every
 * few hundred milliseconds, and opening a message channel each time (runtime.sendMessage) cost the
 * page's main thread about 2 ms per image in Chromium; a port message costs a tenth of that.
 */
export const CHECK_IMAGE_PORT = 'reuse-radar:check-image';
/**
 * Requests and replies travel in batches: sending a port message costs the page's main thread ~0.2 ms
 * and receiving one ~0.3 ms in Chromium, whatever they hold. How long each may be held comes from how
 * soon the reader can see its image (`slackFor`): the content script holds a request up to
 * REQUEST_BATCH_MS to send it with the images that come near after it, and the background holds a
 * verdict up to `replyWithin` (at most REPLY_BATCH_MS) to send it with the others. Manual checks have no
 * slack: they go at once.
 */
export type CheckImagePortRequest = {
  requests: { id: number; payload: MessageMap['content:check-image']['payload']; replyWithin: number }[];
};
export const REQUEST_BATCH_MS = 400;
export type CheckImagePortReply = { id: number; verdict: Verdict } | { id: number; error: string };
export type CheckImagePortAnswer = { replies: CheckImagePortReply[] };
export const REPLY_BATCH_MS = 250;
/**
 * How far ahead of the viewport (px) the scanner asks: what gives its requests and replies time to wait.
 * More than one page of a feed (the bench's X feed adds 10 posts, ~4,700 px, when the reader is 800 px
 * from the end), so the photos of a page are asked for together, in one callback and one request, as the
 * page arrives. At 4,000 px a page's last photos went in a second request, with a second reply.
 */
export const REQUEST_LOOKAHEAD_PX = 6000;
/** A fast reader's wheel scrolling, px per ms (the feed bench scrolls ~3,000 px/s). */
const READER_PX_PER_MS = 3;
/** What the background takes to fetch, decode and match a feed photo, with room to spare. */
const CHECK_MS = 150;

/**
 * How long (ms) a check may be held back, in all, when its image is `distance` px outside the viewport:
 * the time a fast reader needs to get there, less the check itself. Feeds add posts ~800 px below the
 * viewport, so their first images have ~100 ms; those found further ahead the full waits.
 */
export function slackFor(distance: number): number {
  return Math.max(0, distance / READER_PX_PER_MS - CHECK_MS);
}

export type MessageType = keyof MessageMap;
export type Message<T extends MessageType = MessageType> = { type: T; payload: MessageMap[T]['payload'] };
export type Reply<T extends MessageType> = MessageMap[T]['reply'];

export function sendToBackground<T extends MessageType>(type: T, payload: MessageMap[T]['payload']): Promise<Reply<T>> {
  return browser.runtime.sendMessage({ type, payload }) as Promise<Reply<T>>;
}

export function sendToTab<T extends MessageType>(tabId: number, type: T, payload: MessageMap[T]['payload']): Promise<Reply<T>> {
  return browser.tabs.sendMessage(tabId, { type, payload }) as Promise<Reply<T>>;
}

type Handlers = { [T in MessageType]?: (payload: MessageMap[T]['payload'], sender: Runtime.MessageSender) => Promise<Reply<T>> | Reply<T> };

/** Where a message may come from: an extension page of ours, or a content script in a tab. */
export type SenderKind = 'extension-page' | 'content';

export function senderKind(sender: Runtime.MessageSender): SenderKind | undefined {
  if (sender.id !== browser.runtime.id) return undefined;
  if (sender.tab && sender.url && !sender.url.startsWith(browser.runtime.getURL(''))) return 'content';
  if (sender.url?.startsWith(browser.runtime.getURL(''))) return 'extension-page';
  return undefined;
}

/**
 * Listens for the messages in `handlers`, accepting each only from the sender kind its name says
 * (`content:` from content scripts, everything else from our own pages or the background).
 */
export function listen(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
    const message = raw as Partial<Message>;
    if (typeof message?.type !== 'string' || !(message.type in handlers)) return undefined;
    const kind = senderKind(sender);
    const expected: SenderKind = message.type.startsWith('content:') ? 'content' : 'extension-page';
    if (kind !== expected) return undefined;
    const handler = handlers[message.type] as (payload: unknown, sender: Runtime.MessageSender) => unknown;
    return Promise.resolve(handler(message.payload, sender));
  });
}
