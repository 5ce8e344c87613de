/**
 * A test-only bundle of the registry API for extension pages: `pageRegistryScript()` returns
 * code to evaluate in an options page (through the automation protocol, which CSP allows), after
 * which `globalThis.reuseRadarTest` offers seed(count), snapshot() and count().
 */
import { resolve } from 'node:path';
import { build } from 'vite';

const bundles = new Map<string, Promise<string>>();

/** A module of bench/lib bundled as one script to evaluate in a page. */
export function pageScript(entry: string): Promise<string> {
  let bundled = bundles.get(entry);
  if (!bundled) {
    bundled = (async () => {
      const output = await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          minify: false,
          lib: { entry: resolve(import.meta.dirname, entry), formats: ['iife'], name: 'reuseRadarBenchBundle', fileName: () => 'bundle.js' },
        },
      });
      const result = Array.isArray(output) ? output[0] : output;
      if (!('output' in result)) throw new Error('vite build returned a watcher');
      return result.output[0].code;
    })();
    bundles.set(entry, bundled);
  }
  return bundled;
}

export function pageRegistryScript(): Promise<string> {
  return pageScript('page-registry-entry.ts');
}
