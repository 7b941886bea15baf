import { xProfile } from '../utils/capture/sites/x-profile';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages xProfileMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(xProfile);
  },
});
