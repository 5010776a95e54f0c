import { browser } from 'wxt/browser';
import { t, type MessageKey, type Vars } from '../i18n';

/**
 * `t` for the sync client, which also runs outside any browser (the integration tests drive
 * engines from Node, with no browser.i18n): there a sentence is its message's name.
 */
export const say = (key: MessageKey, vars?: Vars): string =>
  (browser as typeof browser | undefined)?.i18n ? t(key, vars) : key;
