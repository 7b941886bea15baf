import { JSDOM } from 'jsdom';
import { collect, type CollectOptions } from '../../utils/capture/collect';
import { refine, type RefineOptions } from '../../utils/capture/refine';
import type { Capture } from '../../utils/model/capture';
import type { Collected } from '../../utils/capture/types';

/** A document built the way the extract CLI builds it (jsdom at the page's URL, no scripts run). */
export function docOf(html: string, url = 'https://www.acme-widgets.test/'): Document {
  return new JSDOM(html, { url }).window.document;
}

/** collect with no site extractor: the generic layers only. */
export function collectGeneric(html: string, url = 'https://www.acme-widgets.test/', options: CollectOptions = {}): Collected {
  return collect(docOf(html, url), url, { site: null, ...options });
}

export function captureHtml(html: string, url = 'https://www.acme-widgets.test/', options: CollectOptions & RefineOptions = {}): Capture {
  return refine(collectGeneric(html, url, options), options);
}

export const page = (body: string, head = '', lang = 'en') =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
