/**
 * `npm run screenshots`: every screen of the e2e build (`npx wxt build --mode e2e`), in light and
 * dark, as PNGs in docs/screenshots/ (<screen>-<scheme>.png). The screens are the ones the
 * accessibility test checks (test/e2e/support/screens.ts).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { screenTour } from '../test/e2e/support/screens';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
mkdirSync(OUT, { recursive: true });

const tour = await screenTour();
const written: string[] = [];
try {
  await tour.run(async ({ name, page, shot }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const path = `${OUT}/${name}-${colorScheme}.png`;
      // Transitions settle before the picture is taken.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
      await (shot ?? page).screenshot({
        path,
        animations: 'disabled',
        ...(shot ? {} : { fullPage: true }),
      });
      written.push(path);
    }
    await page.emulateMedia({ colorScheme: null });
  });
} finally {
  await tour.close();
}
console.log(`${written.length} screenshots in ${OUT}`);
