/**
 * `npm test`'s browser step: find a Chromium for the e2e suite, else install one (Playwright's installer where its
 * download is reachable, else Debian's package as root), else stop with one line saying exactly what to run.
 * The decision is pure and unit-tested (scripts/browser/chromium.ts); this file only carries it out.
 */
import { spawnSync } from 'node:child_process';
import { ChromiumPathError, findChromium, installPlan, manualInstructions } from './browser/chromium';
import { thisMachine } from './browser/machine';

/** An install step that hangs (a network that neither answers nor refuses) must not hang npm test. */
const STEP_TIMEOUT_MS = 15 * 60_000;

function found(): boolean {
  try {
    const browser = findChromium(thisMachine());
    if (browser) console.log(`browser: ${browser.source} at ${browser.executablePath}`);
    return !!browser;
  } catch (e) {
    if (e instanceof ChromiumPathError) {
      console.error(`browser: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

if (!found()) {
  let ok = false;
  for (const step of installPlan(thisMachine())) {
    console.log(`browser: no Chromium found; trying ${step.label}: ${step.command} ${step.args.join(' ')}`);
    const run = spawnSync(step.command, step.args, {
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
      timeout: STEP_TIMEOUT_MS,
    });
    if (run.status !== 0) {
      console.log(`browser: ${step.label} did not succeed (${run.error?.message ?? `exit ${run.status}`})`);
      // apt-get update failing is no reason to skip the install (an old index may still do)
      continue;
    }
    if (found()) {
      ok = true;
      break;
    }
  }
  if (!ok) {
    console.error(manualInstructions(thisMachine()));
    process.exit(1);
  }
}
