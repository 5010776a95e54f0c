import { browser } from 'wxt/browser';

/** The scripts that capture injects, as built by WXT from entrypoints/. */
export type CaptureScript = '/extract-article.js' | '/capture-selection.js';

export type InjectionFailure = 'restricted-page' | 'no-access' | 'tab-gone';

/**
 * Runs one capture script in a tab's top frame and returns what it returned. Injection fails
 * on pages browsers keep from extensions (chrome://, the Web Store, the PDF viewer), when the
 * member has not granted access to the tab, and when the tab is gone.
 */
export async function runInTab<T>(
  tabId: number,
  file: CaptureScript,
): Promise<{ ok: true; value: T } | { ok: false; failure: InjectionFailure }> {
  try {
    const [frame] = await browser.scripting.executeScript({ target: { tabId }, files: [file] });
    if (frame?.result === undefined || frame.result === null) {
      return { ok: false, failure: 'restricted-page' };
    }
    return { ok: true, value: frame.result as T };
  } catch (error) {
    return { ok: false, failure: classify(error) };
  }
}

function classify(error: unknown): InjectionFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (/no tab with id|tab was closed|invalid tab/i.test(message)) return 'tab-gone';
  if (/permission/i.test(message)) return 'no-access';
  return 'restricted-page';
}
