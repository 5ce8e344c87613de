// Worker threads do not inherit tsx's loader when the CLI runs through bin/reuse-radar.js,
// so each worker loads its TypeScript entry point the same way the bin does.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
