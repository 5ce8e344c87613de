import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;
const chromeDir = resolve(root, 'dist/chrome');
const firefoxDir = resolve(root, 'dist/firefox');

/** Firefox ids must stay stable: stored data and granted permissions hang on it. */
export const GECKO_ID = 'reuse-radar@reuse-radar.dev';

type Manifest = Record<string, unknown> & { background: Record<string, unknown> };

export function firefoxManifest(source: Manifest): Manifest {
  const rest = { ...source };
  delete rest.minimum_chrome_version;
  return {
    ...rest,
    // Firefox MV3 has no service workers for extensions; it runs the same bundle as an event page.
    background: { scripts: [String(source.background.service_worker)] },
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      // data_collection_permissions arrived later on Android than on desktop.
      gecko_android: { strict_min_version: '142.0' },
    },
  };
}

const EXIFR_NODE_LOADER = '"function"==typeof require?Promise.resolve(t(require(e))):import(/* webpackIgnore: true */ e).then(t)';

/**
 * exifr carries a loader for Node's fs/http modules (`require(name)` / `import(name)`), dead code in a
 * browser that web-ext lint and AMO review flag as an unsafe dynamic import. It is cut out here.
 */
function exifrWithoutNodeLoader(): Plugin {
  return {
    name: 'reuse-radar:exifr-without-node-loader',
    transform(code, id) {
      if (!id.includes('/node_modules/exifr/')) return null;
      if (!code.includes(EXIFR_NODE_LOADER)) throw new Error(`exifr changed: update EXIFR_NODE_LOADER for ${id}`);
      return { code: code.replace(EXIFR_NODE_LOADER, 'Promise.reject(new Error("no Node modules in a browser"))'), map: null };
    },
  };
}

/**
 * Content scripts must be classic scripts and the background one self-contained file,
 * so each is bundled on its own as an IIFE after the pages are built.
 */
function scriptsAndManifests(mode: string): Plugin {
  const scripts = { background: 'extension/background/main.ts', content: 'extension/content/main.ts' };
  return {
    name: 'reuse-radar:scripts-and-manifests',
    apply: 'build',
    async closeBundle() {
      for (const [name, entry] of Object.entries(scripts)) {
        await build({
          configFile: false,
          logLevel: 'warn',
          mode,
          plugins: [exifrWithoutNodeLoader()],
          build: {
            outDir: chromeDir,
            emptyOutDir: false,
            minify: mode === 'production',
            sourcemap: mode !== 'production',
            lib: { entry: resolve(root, entry), formats: ['iife'], name: `reuseRadar_${name}`, fileName: () => `${name}.js` },
          },
        });
      }
      const manifest = JSON.parse(await readFile(resolve(root, 'manifest.json'), 'utf8')) as Manifest;
      await writeFile(resolve(chromeDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
      await rm(firefoxDir, { recursive: true, force: true });
      await cp(chromeDir, firefoxDir, { recursive: true });
      await writeFile(resolve(firefoxDir, 'manifest.json'), JSON.stringify(firefoxManifest(manifest), null, 2));
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: resolve(root, 'extension'),
  publicDir: resolve(root, 'public'),
  base: '',
  build: {
    outDir: chromeDir,
    emptyOutDir: true,
    minify: mode === 'production',
    sourcemap: mode !== 'production',
    // Extension pages load from the package; a CDN-style preload helper is noise.
    modulePreload: false,
    rollupOptions: {
      input: {
        popup: resolve(root, 'extension/popup/index.html'),
        options: resolve(root, 'extension/options/index.html'),
        notice: resolve(root, 'extension/notice/index.html'),
        cases: resolve(root, 'extension/cases/index.html'),
      },
    },
  },
  plugins: [exifrWithoutNodeLoader(), scriptsAndManifests(mode)],
  worker: { plugins: () => [exifrWithoutNodeLoader()] },
}));
