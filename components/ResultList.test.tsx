// @vitest-environment jsdom
/** The result list keeps the keyboard when new results replace the ones it shows. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultList, type Entry } from './ResultList';

const entry = (id: string): Entry => ({ id, kind: 'tip', title: `Tip ${id}`, detail: '' });
const list = (ids: string[], busy = false) => (
  <ResultList entries={ids.map(entry)} label="Search results" onOpen={() => {}} busy={busy} />
);
const focusedTitle = () => document.activeElement?.querySelector('.result-title')?.textContent;

afterEach(cleanup);

describe('ResultList', () => {
  it('keeps the focused result focused when new results move it', () => {
    const { rerender } = render(list(['a', 'b', 'c']));
    screen.getByRole('button', { name: /Tip b/ }).focus();
    rerender(list(['c', 'b', 'a', 'd']));
    expect(focusedTitle()).toBe('Tip b');
  });

  it('moves the keyboard to the first result when the focused one is gone', () => {
    const { rerender } = render(list(['a', 'b']));
    screen.getByRole('button', { name: /Tip b/ }).focus();
    rerender(list(['c', 'd']));
    expect(focusedTitle()).toBe('Tip c');
  });

  it('leaves the keyboard alone when it was elsewhere', () => {
    const { rerender } = render(
      <>
        <input aria-label="Search" />
        {list(['a', 'b'])}
      </>,
    );
    screen.getByRole('textbox', { name: 'Search' }).focus();
    rerender(
      <>
        <input aria-label="Search" />
        {list(['c'])}
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Search' }));
  });

  it('says when it shows an earlier query’s results', () => {
    const { rerender } = render(list(['a'], true));
    expect(screen.getByRole('list', { name: 'Search results' }).getAttribute('aria-busy')).toBe(
      'true',
    );
    rerender(list(['a']));
    expect(screen.getByRole('list', { name: 'Search results' }).getAttribute('aria-busy')).toBe(
      'false',
    );
  });
});
