import { collect, type CollectOptions } from './collect';
import { refine, type RefineOptions } from './refine';
import type { Capture } from '../model/capture';

/**
 * capture(document, url) = refine(collect(document, url)). The extension runs the two halves apart (collect in the
 * page, refine in the background); the CLI and tests chain them here.
 */
export function capture(doc: Document, url: string, options: CollectOptions & RefineOptions = {}): Capture {
  return refine(collect(doc, url, options), options);
}

export { collect, refine };
export type { CollectOptions, RefineOptions };
export type { Collected, RawPerson, RawOrganization, SiteExtractor, SiteResult, TextBlock, Viewer } from './types';
