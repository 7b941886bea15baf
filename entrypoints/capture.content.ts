import { collectPage } from '../utils/capture/collect-page';
import { QUICK_TEXT_BLOCKS } from '../utils/capture/partial';
import { takeQuick, takeSite } from '../utils/capture/sites/page-slot';

/**
 * The core capture script, injected on demand (activeTab + scripting.executeScript). For a page a site extractor
 * recognises, the background first injects that site's script (entrypoints/site-<id>.content.ts), which leaves the
 * extractor in a page-global slot; this script takes it and runs collectPage with it, or with the generic layers alone.
 * Returns the page's raw material; the background refines it. Neither the site registry nor the heavy parsers (phone
 * numbers, microformats, email addresses) are bundled here.
 */
export default defineContentScript({
  registration: 'runtime',
  main() {
    const url = location.href;
    // a quick first read stops after the blocks the popup shows first; the background asks for the whole page next
    const limits = takeQuick() ? { maxBlocks: QUICK_TEXT_BLOCKS } : undefined;
    return collectPage(document, url, { site: takeSite(url), limits });
  },
});
