/**
 * Imports a registry export into the extension's IndexedDB from one of its own pages, through the
 * same src/registry code the options page uses. The bench bundles this file and evaluates it in the
 * options page while that page has no import control yet.
 */
import { importRegistry, parseRegistryFile } from '../../src/registry/format.ts';
import { Registry } from '../../src/registry/store.ts';

export async function importFrom(url: string): Promise<number> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const registry = await Registry.open();
  try {
    const { added } = await importRegistry(registry, parseRegistryFile(bytes));
    return added;
  } finally {
    registry.close();
  }
}
