import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toolbarButton } from './toolbar-button';

const v3Action = fakeBrowser.action;
const writable = fakeBrowser as { action: typeof fakeBrowser.action | undefined };
afterEach(() => {
  writable.action = v3Action;
});

describe('toolbarButton', () => {
  it('is the action in a Manifest V3 build', () => {
    expect(toolbarButton()).toBe(fakeBrowser.action);
  });

  it('is browserAction in a V2 build, which has no action', () => {
    writable.action = undefined;
    expect(toolbarButton()).toBe(fakeBrowser.browserAction);
  });
});
