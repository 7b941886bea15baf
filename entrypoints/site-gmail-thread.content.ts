import { gmailThread } from '../utils/capture/sites/gmail-thread';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages gmailThreadMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(gmailThread);
  },
});
