// @vitest-environment jsdom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusMessage, type Status } from './StatusMessage';

const shown = (status: Status) => {
  const root = document.createElement('div');
  document.body.append(root);
  render(<StatusMessage status={status} />, root);
  return root.firstElementChild as HTMLElement;
};

afterEach(() => document.body.replaceChildren());

describe('StatusMessage', () => {
  it('announces progress, success and notices politely', () => {
    for (const tone of ['busy', 'ok', 'notice'] as const) {
      const el = shown({ tone, text: 'This page is already in this repertoire.' });
      expect([el.getAttribute('role'), el.className]).toEqual(['status', `status status-${tone}`]);
    }
  });

  it('announces only errors assertively', () => {
    const el = shown({ tone: 'error', text: 'Could not clip this page.' });
    expect(el.getAttribute('role')).toBe('alert');
  });

  it('keeps an empty live region when idle, so the next message is announced', () => {
    const el = shown({ tone: 'idle' });
    expect([el.getAttribute('role'), el.textContent]).toEqual(['status', '']);
  });
});
