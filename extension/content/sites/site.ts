/**
 * A site adapter says where a platform puts post images and what to leave alone.
 * One small file per platform; each registers itself in `index.ts`.
 */
export interface SiteAdapter {
  /** Stable id, used in settings (on/off per site) and in detections. */
  id: string;
  /** Human name shown in options. */
  name: string;
  /** Host names this adapter handles (exact, or a suffix starting with '.'). */
  hosts: string[];
  /** CSS selector for elements that carry post images (`img`, or elements with a CSS background image). */
  images: string;
  /** CSS selector for containers whose images are chrome (avatars, emoji, icons, ads): never checked. */
  ignore?: string;
  /**
   * CSS selector for custom elements whose open shadow roots hold post images (Reddit's `shreddit-*`):
   * the scanner looks and observes inside each one's shadow root as it appears.
   */
  shadowHosts?: string;
  /**
   * For a CDN whose URL picks the size (pbs.twimg.com `name=small`, i.pinimg.com `/236x/`): the URL of a
   * small variant still at least 256 px wide, or undefined to fetch the URL as it is.
   * Only for URL patterns that are well known; signed URLs must never be rewritten.
   */
  smallVariant?(url: URL): string | undefined;
}

export function hostMatches(adapter: Pick<SiteAdapter, 'hosts'>, hostname: string): boolean {
  return adapter.hosts.some((host) => (host.startsWith('.') ? hostname.endsWith(host) || hostname === host.slice(1) : hostname === host));
}
