import { githubProfile } from '../utils/capture/sites/github-profile';
import { offerSite } from '../utils/capture/sites/page-slot';

/** Injected just before capture.js on pages githubProfileMatch claims; see entrypoints/capture.content.ts. */
export default defineContentScript({
  registration: 'runtime',
  main() {
    offerSite(githubProfile);
  },
});
