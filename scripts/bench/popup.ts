/**
 * Figure 3, popup: popup.html?tab=<id> opened on the LinkedIn profile fixture, from navigation start to the first
 * person card painted. The popup runs the capture through the background, so this is what a user waits for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExtensionSession, extensionUrl, tabIdOf } from './browser';
import { firstPaintOf, watchFirst } from './first-paint';
import { type Figure, type PopupData, emptyFigure, why } from './results';
import { summarize } from './stats';

export const PROFILE_URL = 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/';
const CARD = '[data-testid="person-card"]';

export async function measurePopup(
  session: ExtensionSession,
  opts: { fixturesDir: string; runs: number; warmup: number; log: (s: string) => void },
): Promise<Figure<PopupData>> {
  const fig = emptyFigure<PopupData>();
  fig.notes.push(
    `popup.html?tab=<id> opened in a tab (headless Chromium cannot open the real popup), time from its navigation start to the animation frame after the first ${CARD} appears`,
    'cold = the first popup opened after the browser started; warm = later opens after untimed ones',
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
    const cold = await open();
    for (let i = 0; i < opts.warmup; i++) await open();
    const warm: number[] = [];
    for (let i = 0; i < opts.runs; i++) warm.push(await open());
    fig.data = { page: PROFILE_URL, firstCard: { cold, warm: summarize(warm) }, runs: opts.runs };
    opts.log(`  popup first card: cold ${cold.toFixed(1)} ms, warm median ${fig.data.firstCard.warm.median.toFixed(1)} ms`);
  } catch (e) {
    fig.notMeasured.push(why('popup first person card', e));
  } finally {
    await profile.close();
    session.unserve(PROFILE_URL);
  }
  return fig;
}
