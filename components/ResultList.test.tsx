// @vitest-environment jsdom
/** The result list says when what it shows is an earlier query's results. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ResultList, type Entry } from './ResultList';

const entry = (id: string): Entry => ({ id, kind: 'tip', title: `Tip ${id}`, detail: '' });
const list = (ids: string[], busy = false) => (
  <ResultList entries={ids.map(entry)} label="Search results" onOpen={() => {}} busy={busy} />
);

afterEach(cleanup);

describe('ResultList', () => {
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
