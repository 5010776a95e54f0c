import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { compileLocales, DEFAULT_LANGUAGE } from './scripts/locales';

/**
 * Hosts the end-to-end tests serve from loopback. Only the `e2e` build mode grants them up front,
 * standing in for the activeTab grant a member gives by clicking the toolbar button, which a test
 * cannot click. The production build asks for nothing beyond activeTab.
 */
const E2E_HOSTS = [
  '*://127.0.0.1/*',
  '*://localhost/*',
  '*://github.com/*',
  '*://*.atlassian.net/*',
];

/** Related tips ask for the sites a tip names when it is saved, never for all sites up front. */
const OPTIONAL_HOSTS = ['*://*/*'];

// Least privilege: activeTab + scripting let "Clip page" read the tab the member is looking at
// only when they act.
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The catalogues members translate (locales/) become the messages.json browsers read.
    'build:publicAssets': (_wxt, files) => {
      for (const [lang, messages] of compileLocales()) {
        files.push({
          relativeDest: `_locales/${lang}/messages.json`,
          contents: JSON.stringify(messages, null, 2),
        });
      }
    },
  },
  // Firefox too gets Manifest V3 (WXT's default there is V2): the same action, permissions and
  // commands as Chrome, and a background that may be suspended like Chrome's worker. Why:
  // docs/firefox.md. `--mv2` still builds a working V2 package.
  manifestVersion: 3,
  manifest: ({ browser, mode, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: DEFAULT_LANGUAGE,
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      'alarms',
    ],
    host_permissions: mode === 'e2e' ? E2E_HOSTS : undefined,
    // V2 has no optional_host_permissions (WXT drops the key there): origins are optional
    // permissions.
    ...(manifestVersion === 2
      ? { optional_permissions: OPTIONAL_HOSTS }
      : { optional_host_permissions: OPTIONAL_HOSTS }),
    omnibox: { keyword: 'rp' },
    commands: {
      // The command that opens the popup is named after the V2 key, browser_action, there.
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_commandOpen__',
      },
      'clip-selection': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandClipSelection__',
      },
    },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: 'repertoire@repertoire.example',
              // Nothing is collected: matching and search run locally; sync goes only to the
              // server the member chose.
              data_collection_permissions: { required: ['none'] },
            },
          }
        : undefined,
  }),
});
