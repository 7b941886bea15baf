import { collect } from '../utils/capture/collect';

/**
 * Injected on demand (activeTab + scripting.executeScript({ files: ['/content-scripts/capture.js'] })).
 * Returns the page's raw material; the background refines it. Only collect is bundled here: the heavy parsers
 * (phone numbers, microformats, email addresses) stay out of the user's tab.
 */
export default defineContentScript({
  registration: 'runtime',
  main() {
    return collect(document, location.href);
  },
});
