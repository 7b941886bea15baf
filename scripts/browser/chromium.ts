/**
 * Which Chromium the e2e suite and the benchmark drive, and how `npm test` gets one on a machine that has none.
 * One home for the rule: the test harness, the benchmark and `scripts/ensure-browser.ts` all ask `findChromium`.
 *
 * Pure: everything it needs to know about the machine comes in a `Machine` probe, so the decision is unit-tested
 * (tests/unit/browser-provision.test.ts) without touching the real one.
 */

export interface Machine {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** true when running as root (apt-get can install without sudo) */
  isRoot: boolean;
  /** the text of /etc/os-release, if there is one */
  osRelease: string | undefined;
  /** where Playwright's own Chromium would be (`chromium.executablePath()`), whether or not it is there */
  playwrightChromium: string | undefined;
  exists(path: string): boolean;
}

export interface FoundChromium {
  executablePath: string;
  /** why this one: shown in the test log */
  source: 'CHROMIUM_PATH' | 'system Chromium' | "Playwright's Chromium" | 'system Chrome';
}

/**
 * Chromium first: branded Google Chrome (137+) ignores `--load-extension` unless told otherwise (see chromiumArgs),
 * and Playwright's headless shell cannot load extensions at all, so only full browsers are candidates.
 */
const SYSTEM_CHROMIUM: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: ['C:\\Program Files\\Chromium\\Application\\chrome.exe'],
};
const SYSTEM_CHROME: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
};

export class ChromiumPathError extends Error {}

/** The browser to use, or undefined when the machine has none. A CHROMIUM_PATH that does not exist is an error, not a fallback. */
export function findChromium(m: Machine): FoundChromium | undefined {
  const fromEnv = m.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!m.exists(fromEnv)) throw new ChromiumPathError(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const system = (SYSTEM_CHROMIUM[m.platform] ?? []).find((p) => m.exists(p));
  if (system) return { executablePath: system, source: 'system Chromium' };
  if (m.playwrightChromium && m.exists(m.playwrightChromium)) {
    return { executablePath: m.playwrightChromium, source: "Playwright's Chromium" };
  }
  const chrome = (SYSTEM_CHROME[m.platform] ?? []).find((p) => m.exists(p));
  if (chrome) return { executablePath: chrome, source: 'system Chrome' };
  return undefined;
}

/** Debian or a derivative (Ubuntu), by /etc/os-release's ID or ID_LIKE. */
export function isDebianLike(osRelease: string | undefined): boolean {
  if (!osRelease) return false;
  const field = (name: string) => osRelease.match(new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm'))?.[1]?.toLowerCase() ?? '';
  const ids = `${field('ID')} ${field('ID_LIKE')}`.split(/\s+/);
  return ids.includes('debian') || ids.includes('ubuntu');
}

export interface InstallStep {
  /** shown before it runs */
  label: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/**
 * What to try, in order, when `findChromium` finds nothing: Playwright's installer (works wherever its download host
 * is reachable), then Debian's package as root (machines like ours reach Debian's mirrors but not Playwright's).
 * Each step is followed by another `findChromium`; the first that yields a browser wins.
 */
export function installPlan(m: Machine): InstallStep[] {
  const steps: InstallStep[] = [
    { label: "Playwright's installer", command: 'npx', args: ['--no-install', 'playwright', 'install', 'chromium'] },
  ];
  if (m.platform === 'linux' && m.isRoot && isDebianLike(m.osRelease)) {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    steps.push(
      { label: "Debian's package index", command: 'apt-get', args: ['update'], env },
      { label: "Debian's chromium package", command: 'apt-get', args: ['install', '-y', 'chromium'], env },
    );
  }
  return steps;
}

/** The one line printed when nothing worked: exactly what to run. */
export function manualInstructions(m: Machine): string {
  const apt = m.platform === 'linux' && isDebianLike(m.osRelease)
    ? `${m.isRoot ? '' : 'sudo '}apt-get install -y chromium`
    : undefined;
  const options = [apt, 'npx playwright install chromium', 'set CHROMIUM_PATH=/path/to/chromium'].filter(Boolean);
  return `No Chromium for the e2e tests: run ${options.join(', or ')}; then npm test again.`;
}

/** Flags that load the extension and keep Chromium quiet and off the network (checked on this machine). */
export function chromiumArgs(extDir: string): string[] {
  return [
    `--disable-extensions-except=${extDir}`,
    `--load-extension=${extDir}`,
    // Branded Chrome 137+ drops --load-extension unless this feature is off; Chromium ignores the flag.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-sandbox', // CI runs as root in a container
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}
