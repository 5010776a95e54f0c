import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

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

// Least privilege: activeTab + scripting let "Clip page" read the tab the member is looking at
// only when they act.
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, mode }) => ({
    name: 'Repertoire',
    description:
      "Your community of practice's shared repertoire: clip, search, and see related tips.",
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      'alarms',
    ],
    host_permissions: mode === 'e2e' ? E2E_HOSTS : undefined,
    // Related tips ask for the sites a tip names when it is saved, never for all sites up front.
    optional_host_permissions: ['*://*/*'],
    omnibox: { keyword: 'rp' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+R' },
        description: 'Open Repertoire, ready to search',
      },
      'clip-selection': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Clip the selected text into your repertoire',
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
