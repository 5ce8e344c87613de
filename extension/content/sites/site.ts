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
}

export function hostMatches(adapter: SiteAdapter, hostname: string): boolean {
  return adapter.hosts.some((host) => (host.startsWith('.') ? hostname.endsWith(host) : hostname === host));
}
