/** The real machine as `findChromium` sees it (the decision itself is pure, in chromium.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { ChromiumPathError, findChromium, manualInstructions, type FoundChromium, type Machine } from './chromium';

export function thisMachine(): Machine {
  let osRelease: string | undefined;
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    osRelease = undefined;
  }
  let playwrightChromium: string | undefined;
  try {
    playwrightChromium = chromium.executablePath();
  } catch {
    playwrightChromium = undefined;
  }
  return {
    env: process.env,
    platform: process.platform,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    osRelease,
    playwrightChromium,
    exists: existsSync,
  };
}

/** The browser to drive, or an error that says exactly what to run (used by the e2e harness and the benchmark). */
export function requireChromium(): FoundChromium {
  const m = thisMachine();
  const found = findChromium(m);
  if (!found) throw new ChromiumPathError(manualInstructions(m));
  return found;
}
