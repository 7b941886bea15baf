import { linkedinProfile } from '../utils/capture/sites/linkedin-profile';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages linkedinProfileMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(linkedinProfile);
  },
});
