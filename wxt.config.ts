import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Least privilege: activeTab + scripting let "Clip page" read the tab the user is looking at only
// when they act; host access for related tips is optional and asked for when a feature needs it.
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Repertoire',
    description:
      "Your community of practice's shared repertoire: clip, search, and see related tips.",
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus'],
    commands: {
      'clip-selection': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Clip the selected text into your repertoire',
      },
    },
    browser_specific_settings: { gecko: { id: 'repertoire@repertoire.example' } },
  },
});
