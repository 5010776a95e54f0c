// @vitest-environment jsdom
/** The Start here view: reading it, ticking steps, and curating its order. Found by role and name. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useMemo, useState } from 'preact/hooks';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getItemMeta, idbSyncStore, openRepertoireDb, type RepertoireDb } from '@/lib/db';
import { DEFAULT_SETTINGS, uuidv7 } from '@/lib/wire';
import { afterEach, describe, expect, it } from 'vitest';
import type { PathItem, PathStep } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import type { StartHere as Data } from './hooks/useStartHere';
import { StartHere } from './StartHere';

const PATH_ID = uuidv7();
const tips = ['Say hello', 'Read the runbook', 'Label PRs'].map((title) =>
  sampleItem('tip', { title, author: 'Ana' }),
);
const initial: PathStep[] = tips.map((t, i) => ({
  itemId: t.id,
  note: i === 1 ? 'Before your first deploy' : '',
}));

/** The view over a path whose save writes the steps, as the background would, or refuses. */
function Harness({
  curator,
  refuse,
  db,
  onOpen = () => undefined,
}: {
  curator: boolean;
  refuse?: string;
  db?: RepertoireDb;
  onOpen?: (id: string) => void;
}) {
  const [steps, setSteps] = useState(initial);
  const [done, setDone] = useState<string[]>([]);
  const path = useMemo(
    () => sampleItem('path', { id: PATH_ID, title: 'Start here', steps }) as PathItem,
    [steps],
  );
  const data: Data = {
    path,
    items: new Map(tips.map((t) => [t.id, t])),
    progress: { done, dismissed: false },
    open: true,
    curator,
    refresh: async () => undefined,
    setDone: async (id, on) => setDone((d) => (on ? [...d, id] : d.filter((x) => x !== id))),
    dismiss: async () => undefined,
    save: async (next) => {
      if (refuse) return refuse;
      setSteps(next);
      return null;
    },
  };
  const [said, say] = useState('');
  return (
    <>
      <StartHere
        db={db}
        startHere={data}
        onOpen={onOpen}
        onBack={() => undefined}
        say={(s) => say('text' in s ? s.text : '')}
      />
      <p data-testid="said">{said}</p>
    </>
  );
}

const titles = () =>
  within(screen.getByRole('list', { name: 'Start here steps' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('button.link')?.textContent);

afterEach(cleanup);

describe('Start here', () => {
  it('tells a curator that another curator changed the steps at the same time, and opens the choice', async () => {
    fakeBrowser.reset();
    globalThis.indexedDB = new IDBFactory();
    const db = await openRepertoireDb();
    const revision = (version: number) => ({
      field: 'steps',
      value: [...initial].reverse(),
      author: 'Ben',
      clientId: 'b',
      at: version,
      version,
    });
    const stored = sampleItem('path', { id: PATH_ID, community: 'team', steps: initial });
    await idbSyncStore(db, 'team').applyPulled(
      [
        {
          synced: {
            item: stored,
            version: 9,
            fieldVersions: {},
            endorsements: [],
            marks: [],
            // Two of Ben's versions waiting: he is named once.
            conflicts: [revision(7), revision(8)],
          },
        },
      ],
      {
        clientId: 'c',
        nextSeq: 1,
        clock: 0,
        cursor: 9,
        lastSyncedAt: 1,
        settings: { ...DEFAULT_SETTINGS, version: 1 },
      },
    );
    const opened: string[] = [];
    render(<Harness curator db={db} onOpen={(id) => opened.push(id)} />);
    const conflict = await screen.findByRole('group', { name: 'Conflict on the steps' });
    expect(conflict.textContent).toContain('Ben changed the steps at the same time');
    fireEvent.click(within(conflict).getByRole('button', { name: 'Compare the versions' }));
    expect(opened).toEqual([PATH_ID]);
    cleanup();
    // A newcomer is not asked to settle what only curators may.
    render(<Harness curator={false} db={db} />);
    await screen.findByRole('list', { name: 'Start here steps' });
    // Reads in order: once this one is answered, the view's own read has been too.
    await act(() => getItemMeta(db, PATH_ID).then(() => undefined));
    expect(screen.queryByRole('group', { name: 'Conflict on the steps' })).toBeNull();
    db.close();
  });

  it('lists the steps in order with their notes and authors, and keeps Done on this browser', async () => {
    render(<Harness curator={false} />);
    expect(titles()).toEqual(['1. Say hello', '2. Read the runbook', '3. Label PRs']);
    expect(screen.getByText('Before your first deploy')).toBeTruthy();
    expect(screen.getAllByText('by Ana: ask them about it')).toHaveLength(3);
    // A newcomer reads it; only curators change it.
    expect(screen.queryByRole('button', { name: /^Move up/ })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Done: Say hello' }));
    await waitFor(() => expect(screen.getByText(/1 of 3 done/)).toBeTruthy());
  });

  it('lets a curator move a step with the focus kept on it, and edit its note', async () => {
    render(<Harness curator />);
    const down = screen.getByRole('button', { name: 'Move down: Say hello' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() =>
      expect(titles()).toEqual(['1. Read the runbook', '2. Say hello', '3. Label PRs']),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Move down: Say hello' }),
      ),
    );
    // At the end, its Move down is gone: the focus goes to its Move up.
    fireEvent.click(screen.getByRole('button', { name: 'Move down: Say hello' }));
    await waitFor(() => expect(titles()[2]).toBe('3. Say hello'));
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Move up: Say hello' }),
      ),
    );
    expect(
      (screen.getByRole('button', { name: 'Move down: Say hello' }) as HTMLButtonElement).disabled,
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Edit note: Label PRs' }));
    fireEvent.input(screen.getByLabelText('Note for step 2'), { target: { value: 'Every PR' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.getByText('Every PR')).toBeTruthy());
  });

  it('keeps the order and the typed note when the background refuses', async () => {
    const refusal = 'Not saved: only stewards can curate paths.';
    render(<Harness curator refuse={refusal} />);
    fireEvent.click(screen.getByRole('button', { name: 'Move up: Label PRs' }));
    await waitFor(() => expect(screen.getByTestId('said').textContent).toContain(refusal));
    expect(titles()).toEqual(['1. Say hello', '2. Read the runbook', '3. Label PRs']);
    fireEvent.click(screen.getByRole('button', { name: 'Edit note: Say hello' }));
    fireEvent.input(screen.getByLabelText('Note for step 1'), { target: { value: 'Wave' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(screen.getByTestId('said').textContent).toContain('The steps are as they were'),
    );
    expect((screen.getByLabelText('Note for step 1') as HTMLInputElement).value).toBe('Wave');
  });
});
