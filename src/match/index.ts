/**
 * Public surface of the matching engine. Pure TypeScript: runs in Node, extension pages and the
 * service worker alike (no DOM, no Node, no extension APIs). See docs/matching.md.
 */
export {
  ENGINE_VERSION,
  fingerprintWork,
  fingerprintQuery,
  MatchIndex,
  packViews,
  PACKED_FORMAT,
  isCurrentFingerprint,
  upgradeFingerprint,
  viewCount,
  VIEW_BYTES,
  type WorkFingerprint,
  type QueryFingerprint,
  type Match,
  type PackedViews,
} from './engine.ts';
