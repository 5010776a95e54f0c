// @vitest-environment jsdom
/**
 * The community's stances over fake IDB, indexed as the background indexes them: the
 * community's own first, each with who agrees and what stands against it. Found by role and name.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { idbSyncStore, openRepertoireDb, relatedStore, type RepertoireDb } from '@/lib/db';
import { PersistedRelated } from '@/lib/related';
import { createIndexer } from '@/lib/repertoire';
import { DAY_MS } from '@/lib/community';
import { DEFAULT_SETTINGS, type Mark, type StanceItem } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { StancesList } from './StancesList';

const now = Date.now();
const stance = (title: string, subject: string, position: StanceItem['position'], at: number) =>
  sampleItem('stance', {
    community: 'team',
    title,
    subject,
    position,
    reason: 'Because.',
    author: 'Ben',
    createdAt: at,
    updatedAt: at,
  }) as StanceItem;
const mark = (kind: Mark['kind'], memberId: string, team: string | null, at: number): Mark => ({
  kind,
  on: true,
  memberId,
  name: memberId,
  team,
  at: at * 1000,
  markedAt: at,
});

// Agreed ten days ago by three members of two teams: the community's, though oldest.
const jira = stance('Adopt Jira', 'tool:jira', 'adopt', now - 20 * DAY_MS);
const jiraMarks = ['Platform', 'Platform', 'Support'].map((team, i) =>
  mark('agree', `m${i}`, team, now - 10 * DAY_MS),
);
const trello = stance('Hold Trello', 'tool:trello', 'hold', now - 2 * DAY_MS);
const trelloMarks = [
  mark('agree', 'm0', 'Platform', now - DAY_MS),
  mark('object', 'm1', null, now),
];
const notion = stance('Trial Notion', 'notion.so', 'trial', now - DAY_MS);

let db: RepertoireDb;
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  const index = new PersistedRelated(relatedStore(db));
  const indexer = createIndexer(db, (items, removed) => index.apply(items, removed));
  await idbSyncStore(db, 'team').applyPulled(
    [
      [jira, jiraMarks],
      [trello, trelloMarks],
      [notion, []],
    ].map(([item, marks], i) => ({
      synced: {
        item: item as StanceItem,
        version: i + 1,
        fieldVersions: {},
        endorsements: [],
        marks: marks as Mark[],
        conflicts: [],
      },
    })),
    {
      clientId: 'c',
      nextSeq: 1,
      clock: 0,
      cursor: 3,
      lastSyncedAt: now,
      settings: { ...DEFAULT_SETTINGS, version: 1 },
    },
  );
  await indexer.drain();
});
afterEach(() => {
  cleanup();
  db.close();
});

describe('the stances list', () => {
  it('puts the community’s stances first, then the proposed ones newest first, with their standing', async () => {
    const opened: string[] = [];
    render(
      <StancesList
        db={db}
        community="team"
        onOpen={(id) => opened.push(id)}
        onPropose={() => undefined}
        onBack={() => undefined}
      />,
    );
    const list = await screen.findByRole('list', { name: 'Stances' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/Adopt: Jira.*The community’s · 3 members, 2 teams agree · Ben/),
      expect.stringMatching(/Trial: notion\.so.*Proposed · no one agrees yet · Ben/),
      expect.stringMatching(
        /Hold: Trello.*Proposed · 1 member, 1 team agree · 1 open objection · Ben/,
      ),
    ]);
    fireEvent.click(rows[0]!);
    expect(opened).toEqual([jira.id]);
  });

  it('says so when the community has no stance, and offers to propose one', async () => {
    let proposed = false;
    render(
      <StancesList
        db={db}
        community="other"
        onOpen={() => undefined}
        onPropose={() => (proposed = true)}
        onBack={() => undefined}
      />,
    );
    expect(await screen.findByText(/No stances yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Propose a stance' }));
    expect(proposed).toBe(true);
  });
});
