/** Moving through a page by keyboard only, as the keyboard journeys do. */
import type { Page } from 'playwright-core';

/** The accessible name of what has the keyboard focus, as far as these screens need it. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const label =
      el.getAttribute('aria-label') ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null);
    return (label ?? el.textContent ?? '').trim();
  });

/** Presses Tab (or Shift+Tab) until the focus is on `name`, as a keyboard user would. */
export async function tabTo(page: Page, name: string | RegExp, { back = false } = {}) {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (let presses = 0; presses < 30; presses++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached "${name}"; the focus is on "${await focused(page)}"`);
}
