import { listen, sendToBackground } from '../messages.ts';
import { isWatching, loadSiteSettings, watchSiteSettings, type SiteSettings } from '../shared/site-settings.ts';
import { Scanner } from './scanner.ts';
import { adapterFor, generic } from './sites/index.ts';

declare global {
  // Set once per page: the popup may inject this script again for a manual check.
  var reuseRadarScanner: Scanner | undefined;
}

if (!globalThis.reuseRadarScanner) {
  const adapter = adapterFor(location.hostname);
  const scanner = new Scanner(adapter);
  globalThis.reuseRadarScanner = scanner;
  // Manual checks answer whatever the settings: the user asked for them.
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
  // Passive scanning only where the settings say so; idle on disabled sites and while paused.
  const apply = (settings: SiteSettings) => {
    if (isWatching(settings, adapter.id, location.hostname)) scanner.start();
    else scanner.stop();
  };
  watchSiteSettings(apply);
  loadSiteSettings().then(apply, () => scanner.start());
}
