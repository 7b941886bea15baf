/**
 * Renders public/icon.svg to public/icon/{16,32,48,128}.png with headless Chromium (WXT picks these
 * up as the manifest icons). Run: npx tsx scripts/rasterise-icon.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { requireChromium } from './browser/machine';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = [16, 32, 48, 128];


const svg = readFileSync(path.join(ROOT, 'public/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: requireChromium().executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({ path: path.join(ROOT, `public/icon/${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
