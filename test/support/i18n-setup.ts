/** Unit tests: WXT's fake browser answers `i18n` from the English catalogue. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage } from './english';

fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-GB';
