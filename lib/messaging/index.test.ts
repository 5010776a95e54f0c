import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { onMessages, onTabMessages, sendMessage, sendToTab, type Handlers } from '.';

const handlers: Handlers = {
  clipPage: async ({ tabId }) => ({
    ok: true,
    item: { id: String(tabId), kind: 'page', title: 'T' },
  }),
  clipSelection: async () => {
    throw new Error('The tab is gone. Open it again.');
  },
  saveLink: async () => ({ ok: false, errors: { tags: 'Use at most 32 tags.' } }),
  saveTip: async () => ({ ok: false, errors: { title: 'Give the tip a title.' } }),
  deleteItem: async () => ({ ok: true }),
  restoreItem: async () => ({ ok: true, title: 'T' }),
  editTip: async () => ({ ok: false, errors: {} }),
  editItem: async () => ({ ok: false, errors: {} }),
  resolveConflict: async () => ({ ok: true }),
  shareReviewed: async () => ({ ok: false, message: 'no such review' }),
  mark: async () => ({ ok: true }),
  mute: async () => ({ ok: true, site: null }),
  unmute: async () => ({ ok: true }),
  tipSites: async () => ({ origins: [] }),
  newTipForTab: async () => ({ ok: true }),
  askForTab: async () => ({ ok: true }),
  askQuestion: async () => ({ ok: false, errors: {}, message: 'no community' }),
  closeQuestion: async () => ({ ok: true }),
  joinCommunity: async () => ({ ok: false, message: 'no server' }),
  leaveCommunity: async () => ({ ok: true }),
  syncNow: async () => [],
  dismissRefused: async () => [],
  createInvite: async () => ({ ok: false, message: 'not a steward' }),
  refreshCommunities: async () => [],
  retireTip: async () => ({ ok: true }),
  savePath: async () => ({ ok: false, message: 'not a curator' }),
  proposeStance: async () => ({ ok: false, errors: {} }),
  setTeam: async () => ({ ok: true, communities: [] }),
  saveCommunitySettings: async () => ({ ok: false, message: 'not a steward' }),
  communityMembers: async () => ({ ok: false, message: 'not a steward' }),
  importItems: async () => ({ ok: true, tally: { imported: 0, already: 0, refused: [] } }),
  openFromPanel: async () => ({ ok: true }),
};

beforeEach(() => fakeBrowser.reset());

describe('typed messaging', () => {
  it('delivers a request to its handler and returns the typed response', async () => {
    const stop = onMessages(handlers);
    expect(await sendMessage('clipPage', { tabId: 7, community: 'personal' })).toEqual({
      ok: true,
      item: { id: '7', kind: 'page', title: 'T' },
    });
    expect(
      await sendMessage('saveTip', {
        community: 'c',
        draft: { title: '', body: '', tags: '', appliesTo: '' },
        url: null,
      }),
    ).toEqual({
      ok: false,
      errors: { title: 'Give the tip a title.' },
    });
    stop();
  });

  it("rethrows a handler's error with its message", async () => {
    const stop = onMessages(handlers);
    await expect(sendMessage('clipSelection', { tabId: 1, community: 'c' })).rejects.toThrow(
      'The tab is gone. Open it again.',
    );
    stop();
  });

  it('ignores messages that are not part of the contract', async () => {
    const stop = onMessages(handlers);
    await expect(fakeBrowser.runtime.sendMessage({ hello: 'world' })).resolves.toBeUndefined();
    stop();
  });

  it("delivers what the background sends to a tab to the tab's handlers, typed", async () => {
    const shown: string[][] = [];
    const stop = onTabMessages({
      async showRelated({ tips }) {
        shown.push(tips.map((tip) => tip.title));
        return { ok: true };
      },
    });
    // The fake browser has no content scripts: the tab's listener is this context's.
    const toTab = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockImplementation((_tabId: number, message: unknown) =>
        fakeBrowser.runtime.sendMessage(message),
      );
    const tip = { id: 't', kind: 'tip', title: 'Use -euo', text: '', author: null, why: '' };
    await expect(
      sendToTab(3, 'showRelated', { tips: [{ ...tip, kind: 'tip', helped: false }], clips: [] }),
    ).resolves.toEqual({ ok: true });
    expect(shown).toEqual([['Use -euo']]);
    expect(toTab).toHaveBeenCalledWith(3, expect.anything());
    stop();
  });
});
