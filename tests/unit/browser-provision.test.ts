import { describe, expect, it } from 'vitest';
import {
  ChromiumPathError,
  findChromium,
  installPlan,
  isDebianLike,
  manualInstructions,
  type Machine,
} from '../../scripts/browser/chromium';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';
const PW = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function machine(over: Partial<Machine> & { files?: string[] } = {}): Machine {
  const files = new Set(over.files ?? []);
  return {
    env: {},
    platform: 'linux',
    isRoot: true,
    osRelease: DEBIAN,
    playwrightChromium: PW,
    exists: (p) => files.has(p),
    ...over,
  };
}

describe('findChromium: which browser the e2e suite drives', () => {
  it('takes CHROMIUM_PATH first, even when a system Chromium exists', () => {
    const m = machine({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' }, files: ['/opt/chromium/chrome', '/usr/bin/chromium'] });
    expect(findChromium(m)).toEqual({ executablePath: '/opt/chromium/chrome', source: 'CHROMIUM_PATH' });
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of silently using another browser', () => {
    expect(() => findChromium(machine({ env: { CHROMIUM_PATH: '/nope' }, files: ['/usr/bin/chromium'] }))).toThrow(ChromiumPathError);
  });

  it("prefers a system Chromium, then Playwright's cache, then a branded Chrome", () => {
    expect(findChromium(machine({ files: ['/usr/bin/chromium', PW] }))?.source).toBe('system Chromium');
    expect(findChromium(machine({ files: ['/usr/bin/chromium-browser'] }))?.executablePath).toBe('/usr/bin/chromium-browser');
    expect(findChromium(machine({ files: [PW, '/usr/bin/google-chrome'] }))?.source).toBe("Playwright's Chromium");
    expect(findChromium(machine({ files: ['/usr/bin/google-chrome-stable'] }))?.source).toBe('system Chrome');
  });

  it('uses the platform’s own locations (macOS)', () => {
    const app = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(findChromium(machine({ platform: 'darwin', files: [app, '/usr/bin/chromium'] }))?.executablePath).toBe(app);
  });

  it('finds nothing on a bare machine', () => {
    expect(findChromium(machine())).toBeUndefined();
    expect(findChromium(machine({ playwrightChromium: undefined }))).toBeUndefined();
  });
});

describe('installPlan: how npm test gets a browser on a bare machine', () => {
  it("tries Playwright's installer, then Debian's package when root on Debian or Ubuntu", () => {
    for (const osRelease of [DEBIAN, UBUNTU]) {
      const plan = installPlan(machine({ osRelease }));
      expect(plan.map((s) => [s.command, ...s.args].join(' '))).toEqual([
        'npx --no-install playwright install chromium',
        'apt-get update',
        'apt-get install -y chromium',
      ]);
      expect(plan[2]!.env).toEqual({ DEBIAN_FRONTEND: 'noninteractive' });
    }
  });

  it('never runs apt-get without root, off Debian, or off Linux', () => {
    for (const m of [machine({ isRoot: false }), machine({ osRelease: FEDORA }), machine({ osRelease: undefined }), machine({ platform: 'darwin' })]) {
      expect(installPlan(m).map((s) => s.command)).toEqual(['npx']);
    }
  });

  it('says exactly what to run when nothing worked', () => {
    expect(manualInstructions(machine({ isRoot: false }))).toBe(
      'No Chromium for the e2e tests: run sudo apt-get install -y chromium, or npx playwright install chromium, or set CHROMIUM_PATH=/path/to/chromium; then npm test again.',
    );
    expect(manualInstructions(machine({ platform: 'darwin', osRelease: undefined }))).toBe(
      'No Chromium for the e2e tests: run npx playwright install chromium, or set CHROMIUM_PATH=/path/to/chromium; then npm test again.',
    );
  });

  it('reads Debian derivatives from os-release', () => {
    expect(isDebianLike(DEBIAN)).toBe(true);
    expect(isDebianLike(UBUNTU)).toBe(true);
    expect(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n')).toBe(true);
    expect(isDebianLike(FEDORA)).toBe(false);
    expect(isDebianLike(undefined)).toBe(false);
  });
});
