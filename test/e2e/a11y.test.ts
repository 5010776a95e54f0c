/**
 * Every screen, in light and in dark, has no serious or critical WCAG A/AA violation as axe-core
 * sees it in real Chromium. The screens are those of the shared tour (support/screens.ts), which
 * `npm run screenshots` photographs too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, seriousA11yViolations } from './support/a11y';
import { screenTour, type ScreenTour } from './support/screens';

let tour: ScreenTour;

beforeAll(async () => {
  tour = await screenTour();
});
afterAll(async () => {
  await tour?.close();
});

describe('accessibility of every screen (axe-core, light and dark)', () => {
  it('sees violations when there are some', async () => {
    const page = await tour.ext.context.newPage();
    await page.goto(`chrome-extension://${tour.ext.extensionId}/options.html`);
    await page.getByRole('heading', { name: 'Repertoire settings' }).waitFor();
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.body.append(img);
    });
    expect((await seriousA11yViolations(page)).map((v) => v.id)).toContain('image-alt');
    await page.close();
  });

  it('finds none on any screen', async () => {
    const checked: string[] = [];
    await tour.run(async ({ name, page, context }) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await expectNoSeriousA11yViolations(page, { context, screen: `${name} (${colorScheme})` });
        checked.push(`${name}-${colorScheme}`);
      }
      await page.emulateMedia({ colorScheme: null });
    });
    // The tour reached every screen it names, the panel with a question (in its shadow root)
    // last.
    expect(checked).toEqual(
      expect.arrayContaining([
        'popup-empty-dark',
        'popup-tip-form-errors-light',
        'popup-edit-snippet-dark',
        'panel-dark',
        'popup-ask-errors-light',
        'popup-questions-dark',
        'popup-answered-light',
        'popup-question-dark',
        'panel-questions-light',
        'panel-questions-dark',
      ]),
    );
  });
});
