// @vitest-environment jsdom
/**
 * A stance's view over fake IndexedDB: its marks as pulled, the rule as the community set it, and
 * Agree through the background (a stand-in on the fake runtime). Found by role and name.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { idbSyncStore, openRepertoireDb, saveMembership, type RepertoireDb } from '@/lib/db';
import { onMessages, type Handlers } from '@/lib/messaging';
import { DEFAULT_SETTINGS, type Mark, type StanceItem } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { StanceView } from './StanceView';

const now = Date.now();
const stance = sampleItem('stance', {
  community: 'team',
  title: 'Adopt GitHub',
  subject: 'tool:github',
  reason: 'Reviews and CI in one place.',
  author: 'Ben',
  createdAt: now - 1_000,
  updatedAt: now - 1_000,
}) as StanceItem;
const mark = (
  kind: Mark['kind'],
  memberId: string,
  name: string,
  team: string | null,
  note?: string,
): Mark => ({
  kind,
  on: true,
  memberId,
  name,
  team,
  at: now * 1000,
  markedAt: now,
  ...(note ? { note } : {}),
});

let db: RepertoireDb;
let stop: (() => void) | undefined;
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  await saveMembership(db, {
    communityId: 'team',
    name: 'Team',
    serverUrl: 'http://127.0.0.1:8787',
    token: 't',
    memberId: 'me',
    displayName: 'Cy',
    role: 'member',
    memberCount: 3,
    joinedAt: now,
    team: 'Support',
  });
  await idbSyncStore(db, 'team').applyPulled(
    [
      {
        synced: {
          item: stance,
          version: 2,
          fieldVersions: {},
          endorsements: [],
          marks: [
            mark('agree', 'ben', 'Ben', 'Platform', 'We use it already.'),
            mark('object', 'dee', 'Dee', null, 'Licence <b>cost</b>'),
          ],
          conflicts: [],
        },
      },
    ],
    {
      clientId: 'c',
      nextSeq: 1,
      clock: 0,
      cursor: 2,
      lastSyncedAt: now,
      settings: { ...DEFAULT_SETTINGS, version: 1 },
    },
  );
});
afterEach(() => {
  cleanup();
  stop?.();
  db.close();
});

describe('a stance', () => {
  it('shows who agreed and objected with their teams, as text, and why it is not agreed yet', async () => {
    render(<StanceView db={db} stance={stance} onBack={() => undefined} say={() => undefined} />);
    const agreed = await screen.findByRole('list', { name: 'Agreed' });
    expect(within(agreed).getByText('Ben (Platform)')).toBeTruthy();
    expect(within(agreed).getByText('We use it already.')).toBeTruthy();
    const objected = screen.getByRole('list', { name: 'Objected' });
    // Another member's words are text: the markup shows as typed, never as markup.
    expect(within(objected).getByText('Licence <b>cost</b>')).toBeTruthy();
    expect(screen.getByText(/^Not the community’s yet: 1 open objection/)).toBeTruthy();
    expect(screen.getByText('Reviews and CI in one place.')).toBeTruthy();
  });

  it('agrees with an optional reason through the background, and keeps the reason on a refusal', async () => {
    const sent: unknown[] = [];
    let refuse = true;
    stop = onMessages({
      mark: async (request) => {
        sent.push(request);
        return refuse ? { ok: false, message: 'The server is unreachable.' } : { ok: true };
      },
    } as Partial<Handlers> as Handlers);
    const said: string[] = [];
    render(
      <StanceView
        db={db}
        stance={stance}
        onBack={() => undefined}
        say={(s) => said.push('text' in s ? s.text : '')}
      />,
    );
    const reason = (await screen.findByLabelText('Your reason (optional)')) as HTMLTextAreaElement;
    fireEvent.input(reason, { target: { value: 'Every team has it' } });
    fireEvent.click(screen.getByRole('button', { name: 'Agree' }));
    await waitFor(() => expect(said.at(-1)).toBe('Not saved: The server is unreachable.'));
    expect(reason.value).toBe('Every team has it');
    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Agree' }));
    await waitFor(() => expect(said.at(-1)).toBe('You agree with this stance.'));
    expect(sent.at(-1)).toEqual({
      itemId: stance.id,
      mark: 'agree',
      on: true,
      note: 'Every team has it',
    });
    expect(reason.value).toBe('');
  });
});
