/**
 * Figure 3, popup: popup.html?tab=<id> opened on the LinkedIn profile fixture, from navigation start to the first
 * person card painted. The popup runs the capture through the background, so this is what a user waits for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLANK_PAGE, BLANK_SELECTOR, type ExtensionSession, extensionUrl, stopWorker, tabIdOf } from './browser';
import { firstPaintOf, watchFirst } from './first-paint';
import { type Figure, type PopupData, emptyFigure, why } from './results';
import { summarize } from './stats';
import { generateDirectoryPage } from './large-page';

export const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const CARD = '[data-testid="person-card"]';

export async function measurePopup(
  session: ExtensionSession,
  opts: { fixturesDir: string; runs: number; warmup: number; largeRuns: number; log: (s: string) => void },
): Promise<Figure<PopupData>> {
  const fig = emptyFigure<PopupData>();
  fig.notes.push(
    `popup.html?tab=<id> opened in a tab (headless Chromium cannot open the real popup), time from its navigation start to the animation frame after the first ${CARD} appears`,
    'cold = the first popup opened after the browser started; warm = later opens after untimed ones',
    `floor = a blank extension page (${BLANK_PAGE}: no script, one element; written into the bench's build) opened the same way, to its first frame, interleaved with the popup runs; goal: warm first card within 1.5× the floor`,
    'worker stopped = the service worker stopped through CDP (ServiceWorker.stopAllWorkers, as Chrome does after 30 s idle) before each run, so the popup\'s first message starts it from scratch: the floor is opened first (it does not start the worker), then the popup; goal: first card within 300 ms',
    'the 10,000-person directory: the popup first asks for the start of the page (capture.tab quick) and shows its first cards, then reads the whole page; "whole page read" = until its people-left-out line stops saying it is reading; each run waits for that, so runs do not queue behind each other in the worker',
  );
  session.serve(PROFILE_URL, { body: readFileSync(join(opts.fixturesDir, 'linkedin-profile.html')) });
  const profile = await session.context.newPage();
  try {
    await profile.goto(PROFILE_URL, { waitUntil: 'load' });
    const tabId = await tabIdOf(session, profile);
    const open = async (): Promise<number> => {
      const popup = await session.context.newPage();
      try {
        await watchFirst(popup, CARD);
        await popup.goto(extensionUrl(session, `popup.html?tab=${tabId}`));
        return await firstPaintOf(popup, CARD, 10_000);
      } finally {
        await popup.close();
      }
    };
    /** the floor: a blank extension page, opened the same way */
    const openBlank = async (): Promise<number> => {
      const blank = await session.context.newPage();
      try {
        await watchFirst(blank, BLANK_SELECTOR);
        await blank.goto(extensionUrl(session, BLANK_PAGE));
        return await firstPaintOf(blank, BLANK_SELECTOR, 10_000);
      } finally {
        await blank.close();
      }
    };
    const floorCold = await openBlank();
    const cold = await open();
    for (let i = 0; i < opts.warmup; i++) {
      await openBlank();
      await open();
    }
    // interleaved, so the floor and the popup see the same machine
    const warm: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      floor.push(await openBlank());
      warm.push(await open());
    }
    fig.data = { page: PROFILE_URL, firstCard: { cold, warm: summarize(warm) }, floor: { cold: floorCold, warm: summarize(floor) }, runs: opts.runs };
    opts.log(`  popup first card: cold ${cold.toFixed(1)} ms, warm median ${fig.data.firstCard.warm.median.toFixed(1)} ms; blank page ${fig.data.floor!.warm.median.toFixed(1)} ms`);

    // A stopped worker (Chrome stops it after 30 s idle): the popup's first message starts it from scratch.
    const stoppedCards: number[] = [];
    const stoppedFloor: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      await stopWorker(session, profile);
      stoppedFloor.push(await openBlank());
      stoppedCards.push(await open());
    }
    fig.data.stoppedWorker = {
      firstCard: { cold: stoppedCards[0]!, warm: summarize(stoppedCards) },
      floor: { cold: stoppedFloor[0]!, warm: summarize(stoppedFloor) },
      runs: opts.runs,
    };
    opts.log(`  popup first card, worker stopped: median ${fig.data.stoppedWorker.firstCard.warm.median.toFixed(1)} ms; blank page ${fig.data.stoppedWorker.floor.warm.median.toFixed(1)} ms`);
  } catch (e) {
    fig.notMeasured.push(why('popup first person card', e));
  } finally {
    await profile.close();
    session.unserve(PROFILE_URL);
  }
  if (fig.data) {
    try {
      fig.data.large = await measureLargePopup(session, opts.largeRuns, opts.log);
    } catch (e) {
      fig.notMeasured.push(why('popup on the 10,000-person directory', e));
    }
  }
  return fig;
}

const LEFT_OUT = '[data-testid="people-left-out"]';

/**
 * The popup on the generated 10,000-person directory: first card painted (the quick answer from the start of the page),
 * and the time until it has read the whole page and says how many people it does not show. Each run waits for the
 * whole page, so the next run does not queue behind the last one's refine in the worker.
 */
async function measureLargePopup(session: ExtensionSession, runs: number, log: (s: string) => void): Promise<NonNullable<PopupData['large']>> {
  const people = 10_000;
  const directory = generateDirectoryPage({ people });
  session.serve(directory.url, { body: directory.html });
  const page = await session.context.newPage();
  try {
    // domcontentloaded: the load event waits on 10,000 photos the bench does not serve
    await page.goto(directory.url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const tabId = await tabIdOf(session, page);
    const first: number[] = [];
    const whole: number[] = [];
    let leftOut: string | undefined;
    for (let i = 0; i < runs; i++) {
      const popup = await session.context.newPage();
      try {
        await watchFirst(popup, CARD);
        await popup.goto(extensionUrl(session, `popup.html?tab=${tabId}`));
        first.push(await firstPaintOf(popup, CARD, 60_000));
        const done = await popup.waitForFunction(
          (sel) => {
            const t = document.querySelector(sel)?.textContent ?? '';
            return t && !t.includes('Reading the rest') ? performance.now() : false;
          },
          LEFT_OUT,
          { timeout: 300_000, polling: 100 },
        );
        whole.push((await done.jsonValue()) as number);
        leftOut = (await popup.locator(LEFT_OUT).textContent()) ?? undefined;
      } finally {
        await popup.close();
      }
    }
    const [cold, ...warm] = first;
    const [wholeCold, ...wholeWarm] = whole;
    const large = {
      page: `generated directory (${people.toLocaleString('en-US')} people)`,
      people,
      firstCard: { cold: cold!, warm: summarize(warm.length ? warm : [cold!]) },
      wholePage: { cold: wholeCold!, warm: summarize(wholeWarm.length ? wholeWarm : [wholeCold!]) },
      leftOut,
      runs,
    };
    log(`  popup on ${large.page}: first card ${cold!.toFixed(0)} ms (cold), whole page read ${wholeCold!.toFixed(0)} ms; "${leftOut ?? ''}"`);
    return large;
  } finally {
    await page.close();
    session.unserve(directory.url);
  }
}
