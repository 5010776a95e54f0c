/**
 * Integration tests drive the extension's sync engine from Node, where there is no browser: a
 * stand-in `chrome.i18n` answers from the English catalogue, so it says what it says in Chromium.
 */
import { getMessage } from './english';

(globalThis as { chrome?: unknown }).chrome ??= {
  i18n: { getMessage, getUILanguage: () => 'en-GB' },
};
