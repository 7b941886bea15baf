/** The shape of bench/results.json. Every figure says what it measured and what it could not measure yet, and why. */
import type { Percentiles, Summary } from './stats';

/** Milliseconds: the first (cold) run, and the runs after untimed warm-up runs. */
export interface Timing {
  cold: number;
  warm: Summary;
}

export interface Figure<T> {
  /** absent when nothing of the figure could be measured */
  data?: T;
  /** "what: why" for each part that is not measured yet; never a made-up number in its place */
  notMeasured: string[];
  /** how it was measured, where that is not obvious from the name */
  notes: string[];
}

export interface CapturePage {
  page: string;
  url: string;
  bytes: number;
  /** the text-scan floor: one TreeWalker pass joining every text node + one email regex, in the page */
  floor: Timing;
  /** collect(document, url) in the page (bench bundle of utils/capture/collect.ts) */
  collect?: Timing;
  /** collect warm median ÷ floor warm median (goal ≤ 3) */
  ratio?: number;
  /** raw person records collect returned (before refine merges them) */
  rawPeople?: number;
  /** the built content script through scripting.executeScript, timed in the service worker (IPC included) */
  injected?: Timing;
  /** refine(collected) in Node on this page's collected data */
  refine?: Timing;
  /** people after refine */
  people?: number;
}

export interface CaptureData {
  runs: number;
  warmup: number;
  pages: CapturePage[];
}

export interface BundleSize {
  entry: string;
  files: string[];
  raw: number;
  gzip: number;
  /** chunks reachable only through import() */
  lazyRaw?: number;
  lazyGzip?: number;
}

export interface SizeData {
  build: string;
  bundles: BundleSize[];
}

export interface PopupData {
  page: string;
  /** ms from navigation start of popup.html to the first person card painted */
  firstCard: Timing;
  runs: number;
  /** the floor: ms from navigation start of a blank extension page to its first frame, in the same runs */
  floor?: Timing;
  /** first card with the service worker stopped before each open (it starts from scratch), beside the floor of the same runs */
  stoppedWorker?: { firstCard: Timing; floor: Timing; runs: number };
  /** the same on the generated 10,000-person directory, and when the whole page had been read */
  large?: {
    page: string;
    people: number;
    firstCard: Timing;
    /** ms from navigation start until the popup had read the whole page and said how many people it left out */
    wholePage: Timing;
    /** what the popup said about the people it does not show */
    leftOut?: string;
    runs: number;
  };
}

export interface RecordsData {
  rows: number;
  bytes: number;
  importMs: number;
  imported: { added: number; merged: number; unchanged: number };
  reimportMs: number;
  reimported: { added: number; merged: number; unchanged: number };
  /** contacts.duplicates round trip, ms */
  duplicates: Timing;
  pairs: number;
}

export interface ContactsScale {
  contacts: number;
  seedMs: number;
  /** how the contacts were written (the store path used) */
  seededVia: string;
  /** side panel: ms from navigation start to the first contact row painted */
  firstRender?: Timing;
  /** search-as-you-type in the side panel: ms from input to updated rows */
  searchUi?: Percentiles;
  /** the contacts.search message round trip from an extension page */
  searchMessage?: Percentiles;
  /** navigator.storage.estimate().usage in an extension page, bytes */
  storageEstimate?: number;
  /** the profile's IndexedDB folder for the extension, bytes */
  indexedDbOnDisk?: number;
}

export interface ContactsData {
  scales: ContactsScale[];
}

export interface SyncRun {
  /** which code drained the queue */
  via: string;
  /** events per request (for the background path: the largest batch the receiver saw) */
  batchSize: number;
  events: number;
  ms: number;
  eventsPerSecond: number;
  requests: number;
  /** service worker JS heap after the drain (Runtime.getHeapUsage, after a GC) */
  heapUsedBytes?: number;
}

export interface SyncData {
  runs: SyncRun[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
  commit: string;
  /** true when the working tree had uncommitted changes to code the bench measures */
  dirty: boolean;
  /** 1-minute load average when the run started and ended: other work on a shared machine skews every figure */
  load?: { start: number; end: number };
}

export interface BenchResults {
  schema: 1;
  mode: 'quick' | 'full';
  machine: Machine;
  durationMs: number;
  figures: {
    capture: Figure<CaptureData>;
    size: Figure<SizeData>;
    popup: Figure<PopupData>;
    records?: Figure<RecordsData>;
    contacts: Figure<ContactsData>;
    sync: Figure<SyncData>;
  };
}

export const emptyFigure = <T>(): Figure<T> => ({ notMeasured: [], notes: [] });

/** "what: why" from an error, on one line. */
export function why(what: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${what}: ${message.split('\n')[0]!.trim()}`;
}
