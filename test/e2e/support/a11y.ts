/**
 * axe-core in real Chromium: its source is evaluated in the page through Playwright (CDP
 * evaluation is not subject to the extension pages' CSP, where a <script> tag would be), then run
 * against the WCAG 2.1 A and AA rules. Open shadow roots (the e2e build's in-page panel) are
 * checked as they are.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import type * as Axe from 'axe-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

export interface A11yOptions {
  /** A CSS selector for what to check (a shadow host includes its open shadow root); the whole page by default. */
  context?: string;
  /** Names the screen in the failure message ("popup, dark, tip form with errors"). */
  screen?: string;
}

/** The serious and critical WCAG A/AA violations on the page as it is now. */
export async function seriousA11yViolations(
  page: Page,
  { context }: Pick<A11yOptions, 'context'> = {},
): Promise<Result[]> {
  // A scheme just switched is still fading (buttons transition their colours): judge the end.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
  );
  const injected = await page.evaluate(() => 'axe' in globalThis);
  if (!injected) await page.evaluate(axeSource);
  const results = await page.evaluate(
    async ({ context, tags }) => {
      const axe = (globalThis as unknown as { axe: typeof Axe }).axe;
      return (await axe.run(context ?? document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      })) as AxeResults;
    },
    { context: context ?? null, tags: TAGS },
  );
  return results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
}

/** Fails with each violation's rule, help text and offending elements. */
export async function expectNoSeriousA11yViolations(
  page: Page,
  options: A11yOptions = {},
): Promise<void> {
  const violations = await seriousA11yViolations(page, options);
  if (violations.length === 0) return;
  const report = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
  throw new Error(
    `${violations.length} serious or critical accessibility violation(s) on ${options.screen ?? page.url()}:\n${report}`,
  );
}
