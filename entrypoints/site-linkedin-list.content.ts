import { linkedinList } from '../utils/capture/sites/linkedin-list';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages linkedinListMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(linkedinList);
  },
});
