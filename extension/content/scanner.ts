import browser from 'webextension-polyfill';
import { REQUEST_LOOKAHEAD_PX, sendToBackground, slackFor, type MatchSummary, type ScanResult, type Verdict } from '../messages.ts';
import { checkImageOverPort } from './check-port.ts';
import { displayedSource, fetchUrlOf, imageUrlOf, isLargeEnough } from './image-url.ts';
import { clearMarkers, elementAdded, MARKER_TAG, markMatch, unmark } from './marker.ts';
import type { SiteAdapter } from './sites/site.ts';

const RETRIES = 5;
/** Per-tab verdicts kept, by URL: a long feed session must not grow without bound. */
const TAB_CACHE_LIMIT = 3000;
/** Main-thread budget of one discovery slice; the rest waits for the next task. */
const SLICE_MS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

/**
 * Asks the background for a verdict, retrying when it was stopped mid-request:
 * an MV3 service worker may be killed at any moment, and a lost reply must not lose a detection.
 * `slack`: how long the request may be held back (see `checkImageOverPort`).
 */
async function requestVerdict(imageUrl: string, site: string, slack: number): Promise<Verdict> {
  for (let attempt = 1; ; attempt++) {
    try {
      // document.URL is location.href (pushState updates both) without the Location object's cross-world checks.
      const verdict = await checkImageOverPort({ imageUrl, pageUrl: document.URL, pageTitle: document.title, site }, slack);
      if (verdict) return verdict;
      throw new Error('no reply');
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      await sleep(200 * 2 ** attempt);
    }
  }
}

type Root = Document | ShadowRoot;

/** What was sent for an element: the source it showed then, and the URL fetched for it. */
interface Checked {
  shown: string;
  url: string;
}

export interface ScannerActions {
  onDraftNotice(match: MatchSummary, imageUrl: string): void;
  onReview(match: MatchSummary, imageUrl: string): void;
}

const defaultActions: ScannerActions = {
  onDraftNotice: (match, imageUrl) => void sendToBackground('content:open-notice', { workId: match.workId, imageUrl }),
  onReview: (match, imageUrl) => void sendToBackground('content:open-notice', { workId: match.workId, imageUrl, review: true }),
};

/**
 * Finds the adapter's post images as they appear — in the document, in open shadow roots and in
 * same-origin iframes — and has each checked once per tab when it comes near the viewport.
 *
 * Cost on the page: the mutation callback keeps only records that may bring an image, and a later task
 * runs cheap selector checks on them in slices of a few milliseconds; sizes come from IntersectionObserver
 * entries, so no layout is forced in a loop; URLs are worked out only for images near the viewport.
 */
export class Scanner {
  readonly #verdicts = new Map<string, Promise<Verdict>>();
  #checked = new WeakMap<Element, Checked>();
  readonly #waitingForLoad = new WeakSet<Element>();
  readonly #roots = new Set<Root>();
  readonly #frames = new WeakSet<Element>();
  readonly #visibility = new IntersectionObserver((entries) => this.#onVisible(entries), { rootMargin: `${REQUEST_LOOKAHEAD_PX}px 0px` });
  readonly #mutations = new MutationObserver((records) => this.#onMutations(records));
  readonly #discover: string;
  #queue: MutationRecord[] = [];
  #flushScheduled = false;
  #running = false;

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly actions: ScannerActions = defaultActions,
  ) {
    this.#discover = [adapter.images, 'iframe', adapter.shadowHosts].filter(Boolean).join(', ');
  }

  get running(): boolean {
    return this.#running;
  }

  /** Passive mode: images are checked as they come near the viewport, including those added later. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#attachRoot(document);
    // Open shadow roots already on the page (custom elements upgraded before we ran), found when idle.
    idle(() => this.#running && this.#findShadowRoots(document));
  }

  /**
   * Idle again: observers off, queued work dropped, markers removed. Verdicts stay cached by URL, so
   * starting again marks the same images at once without asking the background twice.
   */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#mutations.disconnect();
    this.#visibility.disconnect();
    this.#roots.clear();
    this.#queue = [];
    this.#checked = new WeakMap();
    clearMarkers();
  }

  /** Manual mode: every image on the page, visible or not, with progress. */
  async scanAll(selector: string, onProgress: (progress: ScanResult & { total: number }) => void): Promise<ScanResult> {
    const roots = this.#collectAllRoots();
    const candidates = roots.flatMap((root) => [...root.querySelectorAll(selector)]).filter((element) => !this.#ignored(element));
    // Reads only, no writes between them: one layout for all the rects.
    const sized = candidates.map((element) => ({ element, size: renderedOrNaturalSize(element) }));
    const urls = new Map<string, Element[]>();
    for (const { element, size } of sized) {
      if (!isLargeEnough(size)) continue;
      const url = fetchUrlOf(element, size.width, this.adapter);
      if (!url) continue;
      this.#checked.set(element, { shown: displayedSource(element) ?? '', url });
      urls.set(url, [...(urls.get(url) ?? []), element]);
    }
    const progress = { total: urls.size, checked: 0, matched: 0 };
    onProgress({ ...progress });
    await Promise.all(
      [...urls].map(async ([url, elements]) => {
        const verdict = await this.#check(url).catch(() => undefined);
        progress.checked++;
        if (verdict?.status === 'match') {
          progress.matched++;
          for (const element of elements) this.#mark(element, url, verdict);
        }
        onProgress({ ...progress });
      }),
    );
    return { checked: progress.checked, matched: progress.matched };
  }

  /** Checks the element showing `imageUrl` (context menu "Check this image"). */
  async checkOne(imageUrl: string): Promise<ScanResult> {
    const verdict = await this.#check(imageUrl);
    if (verdict.status === 'match') {
      for (const root of this.#collectAllRoots()) {
        for (const element of root.querySelectorAll('img, [style*="background-image"]')) {
          if (imageUrlOf(element) !== imageUrl) continue;
          this.#checked.set(element, { shown: displayedSource(element) ?? '', url: imageUrl });
          this.#mark(element, imageUrl, verdict);
        }
      }
    }
    return { checked: 1, matched: verdict.status === 'match' ? 1 : 0 };
  }

  /** `slack`: see `slackFor`; none by default (manual checks: the user waits). */
  #check(url: string, slack = 0): Promise<Verdict> {
    let verdict = this.#verdicts.get(url);
    if (!verdict) {
      verdict = requestVerdict(url, this.adapter.id, slack);
      this.#verdicts.set(url, verdict);
      verdict.catch(() => this.#verdicts.delete(url));
      if (this.#verdicts.size > TAB_CACHE_LIMIT) this.#verdicts.delete(this.#verdicts.keys().next().value!);
    }
    return verdict;
  }

  #ignored(element: Element): boolean {
    return this.adapter.ignore !== undefined && element.closest(this.adapter.ignore) !== null;
  }

  // ---- roots: the document, open shadow roots, same-origin iframes ----

  #attachRoot(root: Root): void {
    if (this.#roots.has(root) || !this.#running) return;
    this.#roots.add(root);
    this.#mutations.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      // Lazy loaders swap these in; a new URL is a new image to check.
      attributeFilter: ['src', 'srcset', 'style', 'data-src'],
    });
    this.#discoverIn(root);
  }

  /** One selector pass over a subtree: post images to watch, iframes and shadow hosts to enter. */
  #discoverIn(node: Root | Element): void {
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).matches(this.#discover)) this.#classify(node as Element);
    for (const element of node.querySelectorAll(this.#discover)) this.#classify(element);
  }

  #classify(element: Element): void {
    const name = element.localName;
    if (name === 'iframe') {
      this.#attachFrame(element as HTMLIFrameElement);
      return;
    }
    if (element.shadowRoot) this.#attachRoot(element.shadowRoot);
    else if (this.adapter.shadowHosts && element.matches(this.adapter.shadowHosts)) this.#awaitShadowRoot(element);
    if (element.matches(this.adapter.images)) this.#consider(element);
  }

  /** Custom elements not defined yet get their shadow root later: look again a few times. */
  #awaitShadowRoot(host: Element, attempt = 0): void {
    if (attempt >= 6) return;
    setTimeout(() => {
      if (!this.#running || !host.isConnected) return;
      if (host.shadowRoot) this.#attachRoot(host.shadowRoot);
      else this.#awaitShadowRoot(host, attempt + 1);
    }, 250 * 2 ** attempt);
  }

  #attachFrame(frame: HTMLIFrameElement): void {
    const enter = () => {
      let doc: Document | null;
      try {
        doc = frame.contentDocument;
      } catch {
        doc = null;
      }
      // Null for cross-origin frames: their images are the embedding site's, never read from here.
      if (doc) this.#attachRoot(doc);
    };
    if (!this.#frames.has(frame)) {
      this.#frames.add(frame);
      // Each navigation of the frame brings a new document.
      frame.addEventListener('load', enter);
    }
    enter();
  }

  #findShadowRoots(root: Root): void {
    const walker = ownerDocumentOf(root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (shadow && !this.#roots.has(shadow)) {
        this.#attachRoot(shadow);
        this.#findShadowRoots(shadow);
      }
    }
  }

  /** Every root, for manual checks: found now, whether or not passive scanning is running. */
  #collectAllRoots(): Root[] {
    const roots: Root[] = [];
    const visit = (root: Root) => {
      roots.push(root);
      const walker = ownerDocumentOf(root).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node as Element;
        if (element.shadowRoot) visit(element.shadowRoot);
        if (element.localName === 'iframe') {
          try {
            const inner = (element as HTMLIFrameElement).contentDocument;
            if (inner) visit(inner);
          } catch {
            // Cross-origin.
          }
        }
      }
    };
    visit(document);
    return roots;
  }

  // ---- mutations: queued, then cheap selector checks in slices ----

  #onMutations(records: MutationRecord[]): void {
    for (const record of records) if (this.#mayShowImages(record)) this.#queue.push(record);
    if (this.#queue.length > 0 && !this.#flushScheduled) {
      this.#flushScheduled = true;
      setTimeout(() => this.#flush(), 0);
    }
  }

  /**
   * Whether a record can bring an image: an attribute of one of the adapter's images changed, or elements
   * other than our markers' overlay were added (its host, put in the page once, is a record here). Pages
   * change attributes far more often than they add images (X moves its timeline cells by their style, a
   * carousel animates its slides' style every frame): one `matches` here spares each such record a slice
   * task. In bench:feed --recycle, whose page grows a spacer's style ~300 times a run, that was 324 tasks
   * of ~105 µs each (a traced run; docs/benchmarks.md).
   */
  #mayShowImages(record: MutationRecord): boolean {
    if (record.type === 'attributes') return (record.target as Element).matches(this.adapter.images);
    for (const node of record.addedNodes) if (node.nodeType === 1 && node.nodeName !== MARKER_NAME) return true;
    return false;
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (!this.#running) return;
    const started = now();
    const seen = new Set<Node>();
    let index = 0;
    for (; index < this.#queue.length; index++) {
      if ((index & 15) === 0 && now() - started > SLICE_MS) break;
      const record = this.#queue[index];
      if (record.type === 'attributes') {
        const target = record.target as Element;
        if (seen.has(target)) continue;
        seen.add(target);
        this.#reconsider(target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || seen.has(node) || !node.isConnected) continue;
        seen.add(node);
        elementAdded(node as Element);
        this.#discoverIn(node as Element);
      }
    }
    this.#queue = this.#queue.slice(index);
    if (this.#queue.length > 0 && !this.#flushScheduled) {
      this.#flushScheduled = true;
      setTimeout(() => this.#flush(), 0);
    }
  }

  /** An attribute changed: if the image is now another one, drop an old marker and look again. */
  #reconsider(element: Element): void {
    const checked = this.#checked.get(element);
    if (checked && checked.shown === displayedSource(element)) return;
    if (element.hasAttribute('data-reuse-radar-match')) unmark(element);
    this.#consider(element);
  }

  #consider(element: Element): void {
    if (this.#ignored(element)) return;
    // Re-observing yields a fresh intersection record, so a swapped URL is looked at again.
    this.#visibility.unobserve(element);
    this.#visibility.observe(element);
  }

  // ---- near the viewport: size from the entry, URL, verdict ----

  #onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const element = entry.target;
      const rect = entry.boundingClientRect;
      const img = element.localName === 'img' ? (element as HTMLImageElement) : undefined;
      if (img && !img.complete && (!isLargeEnough(rect) || !img.currentSrc)) {
        // Sized by its pixels, or its source not picked yet: not known until it loads; look again then. (Feeds
        // size their photos by CSS, so the posts a feed adds are checked together, in one callback and one
        // request.)
        if (!this.#waitingForLoad.has(element)) {
          this.#waitingForLoad.add(element);
          element.addEventListener(
            'load',
            () => {
              this.#waitingForLoad.delete(element);
              this.#consider(element);
            },
            { once: true },
          );
        }
        continue;
      }
      if (!isLargeEnough(rect)) continue;
      const shown = displayedSource(element);
      if (!shown) continue;
      const previous = this.#checked.get(element);
      if (previous && previous.shown === shown) {
        this.#visibility.unobserve(element);
        // Attached again (a feed moved the post): its marker went when it was detached; the verdict is cached.
        this.#verdictFor(element, previous.url);
        continue;
      }
      const url = fetchUrlOf(element, rect.width, this.adapter);
      if (!url) continue;
      this.#checked.set(element, { shown, url });
      this.#visibility.unobserve(element);
      this.#verdictFor(element, url, slackFor(distanceOutside(entry)));
    }
  }

  #verdictFor(element: Element, url: string, slack = 0): void {
    this.#check(url, slack)
      .then((verdict) => {
        // A verdict anyone can observe, whatever it is (benchmarks, tests): one attribute, no event.
        element.setAttribute('data-reuse-radar-checked', verdict.status);
        this.#mark(element, url, verdict);
      })
      .catch(() => {
        // Every retry failed (the background was stopped again and again): ask again, visible or not,
        // since the reader has seen this image; not once the element shows another image, the site
        // was turned off, or the extension was reloaded (this script is orphaned: runtime.id is gone).
        if (this.#running && this.#checked.get(element)?.url === url && browser.runtime?.id) this.#verdictFor(element, url);
        else this.#checked.delete(element);
      });
  }

  #mark(element: Element, url: string, verdict: Verdict): void {
    if (verdict.status !== 'match' || !element.isConnected) return;
    // The element may show another image by now (recycled feed cells): only mark what was checked.
    const checked = this.#checked.get(element);
    if (checked && (checked.url !== url || checked.shown !== displayedSource(element))) return;
    const best = verdict.matches[0];
    markMatch(element, best, {
      onDraftNotice: () => this.actions.onDraftNotice(best, url),
      onReview: () => this.actions.onReview(best, url),
    });
  }
}

const MARKER_NAME = MARKER_TAG.toUpperCase();

/** How far (px) above or below the viewport an entry of the look-ahead observer is; 0 when unknown. */
function distanceOutside(entry: IntersectionObserverEntry): number {
  const root = entry.rootBounds;
  if (!root) return 0;
  const rect = entry.boundingClientRect;
  return Math.max(0, rect.top - (root.bottom - REQUEST_LOOKAHEAD_PX), root.top + REQUEST_LOOKAHEAD_PX - rect.bottom);
}

function renderedOrNaturalSize(element: Element): { width: number; height: number } {
  const rect = element.getBoundingClientRect();
  if (element.localName === 'img' && (element as HTMLImageElement).complete) {
    const img = element as HTMLImageElement;
    return { width: Math.max(rect.width, img.naturalWidth), height: Math.max(rect.height, img.naturalHeight) };
  }
  return rect;
}

/** Nodes of same-origin iframes belong to another realm: `instanceof` would say no, nodeType does not lie. */
function ownerDocumentOf(root: Root): Document {
  return root.nodeType === Node.DOCUMENT_NODE ? (root as Document) : root.ownerDocument!;
}

function idle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 200);
}
