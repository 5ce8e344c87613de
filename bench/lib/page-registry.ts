/**
 * A test-only bundle of the registry API for extension pages: `pageRegistryScript()` returns
 * code to evaluate in an options page (through the automation protocol, which CSP allows), after
 * which `globalThis.reuseRadarTest` offers seed(count), snapshot() and count().
 */
import { resolve } from 'node:path';
import { build } from 'vite';

let bundled: Promise<string> | undefined;

export function pageRegistryScript(): Promise<string> {
  bundled ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        lib: { entry: resolve(import.meta.dirname, 'page-registry-entry.ts'), formats: ['iife'], name: 'reuseRadarTestBundle', fileName: () => 'page-registry.js' },
      },
    });
    const result = Array.isArray(output) ? output[0] : output;
    if (!('output' in result)) throw new Error('vite build returned a watcher');
    return result.output[0].code;
  })();
  return bundled;
}

export interface RegistrySnapshotWork {
  id: string;
  title: string;
  thumbnail: string | null;
  [field: string]: unknown;
}
