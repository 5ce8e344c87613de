import { sendToBackground, type ScanResult, type Verdict } from '../messages.ts';
import { imageUrlOf, isLargeEnough } from './image-url.ts';
import { markMatch } from './marker.ts';
import type { SiteAdapter } from './sites/site.ts';

const RETRIES = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks the background for a verdict, retrying when it was stopped mid-request:
 * an MV3 service worker may be killed at any moment, and a lost reply must not lose a detection.
 */
async function requestVerdict(imageUrl: string, site: string): Promise<Verdict> {
  for (let attempt = 1; ; attempt++) {
    try {
      const verdict = await sendToBackground('content:check-image', { imageUrl, pageUrl: location.href, pageTitle: document.title, site });
      if (verdict) return verdict;
      throw new Error('no reply');
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      await sleep(200 * 2 ** attempt);
    }
  }
}

/** Finds the adapter's post images as they appear and has each checked once per tab. */
export class Scanner {
  readonly #verdicts = new Map<string, Promise<Verdict>>();
  readonly #checkedUrl = new WeakMap<Element, string>();
  readonly #visibility = new IntersectionObserver((entries) => this.#onVisible(entries), { rootMargin: '400px 0px' });
  readonly #mutations = new MutationObserver((records) => this.#onMutations(records));

  constructor(private readonly adapter: SiteAdapter) {}

  /** Passive mode: images are checked as they come near the viewport, including those added later. */
  start(): void {
    this.#consider(document.querySelectorAll(this.adapter.images));
    this.#mutations.observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      // Lazy loaders swap these in; a new URL is a new image to check.
      attributeFilter: ['src', 'srcset', 'style', 'data-src'],
    });
  }

  /** Manual mode: every image on the page, visible or not, with progress. */
  async scanAll(selector: string, onProgress: (progress: ScanResult & { total: number }) => void): Promise<ScanResult> {
    const candidates = [...document.querySelectorAll(selector)].filter((element) => !this.#ignored(element));
    const urls = new Map<string, Element[]>();
    for (const element of candidates) {
      const url = imageUrlOf(element);
      if (!url || !isLargeEnough(renderedOrNaturalSize(element))) continue;
      urls.set(url, [...(urls.get(url) ?? []), element]);
    }
    const progress = { total: urls.size, checked: 0, matched: 0 };
    onProgress(progress);
    await Promise.all(
      [...urls].map(async ([url, elements]) => {
        const verdict = await this.#check(url).catch(() => undefined);
        progress.checked++;
        if (verdict?.status === 'match') {
          progress.matched++;
          for (const element of elements) this.#mark(element, url, verdict);
        }
        onProgress(progress);
      }),
    );
    return { checked: progress.checked, matched: progress.matched };
  }

  /** Checks the element showing `imageUrl` (context menu "Check this image"). */
  async checkOne(imageUrl: string): Promise<ScanResult> {
    const verdict = await this.#check(imageUrl);
    if (verdict.status === 'match') {
      for (const element of document.querySelectorAll('img, [style*="background-image"]')) {
        if (imageUrlOf(element) === imageUrl) this.#mark(element, imageUrl, verdict);
      }
    }
    return { checked: 1, matched: verdict.status === 'match' ? 1 : 0 };
  }

  #check(url: string): Promise<Verdict> {
    let verdict = this.#verdicts.get(url);
    if (!verdict) {
      verdict = requestVerdict(url, this.adapter.id);
      this.#verdicts.set(url, verdict);
      verdict.catch(() => this.#verdicts.delete(url));
    }
    return verdict;
  }

  #ignored(element: Element): boolean {
    return this.adapter.ignore !== undefined && element.closest(this.adapter.ignore) !== null;
  }

  #consider(elements: Iterable<Element>): void {
    for (const element of elements) {
      if (this.#ignored(element)) continue;
      // Re-observing yields a fresh intersection record, so a swapped URL is looked at again.
      this.#visibility.unobserve(element);
      this.#visibility.observe(element);
    }
  }

  #onMutations(records: MutationRecord[]): void {
    const found = new Set<Element>();
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element && record.target.matches(this.adapter.images)) found.add(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(this.adapter.images)) found.add(node);
        for (const inner of node.querySelectorAll(this.adapter.images)) found.add(inner);
      }
    }
    if (found.size > 0) this.#consider(found);
  }

  #onVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const element = entry.target;
      if (element instanceof HTMLImageElement && !element.complete) {
        // Its size is unknown until it loads; look again then.
        element.addEventListener('load', () => this.#consider([element]), { once: true });
        continue;
      }
      const url = imageUrlOf(element);
      if (!url || this.#checkedUrl.get(element) === url || !isLargeEnough(entry.boundingClientRect)) continue;
      this.#checkedUrl.set(element, url);
      this.#visibility.unobserve(element);
      this.#check(url)
        .then((verdict) => this.#mark(element, url, verdict))
        .catch(() => this.#checkedUrl.delete(element));
    }
  }

  #mark(element: Element, url: string, verdict: Verdict): void {
    if (verdict.status !== 'match' || imageUrlOf(element) !== url) return;
    const best = verdict.matches[0];
    markMatch(element, best, () => void sendToBackground('content:open-notice', { workId: best.workId, imageUrl: url }));
  }
}

function renderedOrNaturalSize(element: Element): { width: number; height: number } {
  const rect = element.getBoundingClientRect();
  if (element instanceof HTMLImageElement && element.complete) {
    return { width: Math.max(rect.width, element.naturalWidth), height: Math.max(rect.height, element.naturalHeight) };
  }
  return rect;
}
