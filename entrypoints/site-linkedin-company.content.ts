import { linkedinCompany } from '../utils/capture/sites/linkedin-company';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages linkedinCompanyMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(linkedinCompany);
  },
});
