import { outlookMessage } from '../utils/capture/sites/outlook-message';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages outlookMessageMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(outlookMessage);
  },
});
