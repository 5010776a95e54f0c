/**
 * `npm run icons`: renders icons/repertoire.svg to the PNG sizes browsers ask for
 * (public/icon/<size>.png, which WXT puts in the manifest). The PNGs are committed, so a build
 * needs no rasterizer; run this after changing the SVG. Chromium renders them, the browser the
 * tests already use, instead of a native image library (see docs/design.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../test/e2e/support/browser';

const ROOT = resolve(import.meta.dirname, '..');
const SIZES = [16, 32, 48, 128];
const svg = readFileSync(`${ROOT}/icons/repertoire.svg`, 'utf8');
const out = `${ROOT}/public/icon`;
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_FLAGS,
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: `${out}/${size}.png`, omitBackground: true });
  }
} finally {
  await browser.close();
}
console.log(`Wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
