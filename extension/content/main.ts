import { listen, sendToBackground } from '../messages.ts';
import { Scanner } from './scanner.ts';
import { adapterFor, generic } from './sites/index.ts';

declare global {
  // Set once per page: the popup may inject this script again for a manual check.
  var reuseRadarScanner: Scanner | undefined;
}

if (!globalThis.reuseRadarScanner) {
  const scanner = new Scanner(adapterFor(location.hostname));
  globalThis.reuseRadarScanner = scanner;
  scanner.start();
  listen({
    'background:scan-page'() {
      return scanner.scanAll(generic.images, (progress) => {
        // The popup may be closed by now; progress is only for its display.
        sendToBackground('content:scan-progress', progress).catch(() => undefined);
      });
    },
    'background:check-image'({ imageUrl }) {
      return scanner.checkOne(imageUrl);
    },
  });
}
