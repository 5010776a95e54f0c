import { describe, expect, it } from 'vitest';
import {
  changeActions,
  itemKinds,
  markKinds,
  NOT_A_CURATOR,
  notAllowedReason,
  notYourMark,
  wrongKindForMark,
  type Refusal,
} from '../wire';
import { refusalSentence } from './refusal';

const say = (refusal: Refusal) => refusalSentence({ refusal, reason: 'the server’s words' });

describe('a refused change in the member’s language', () => {
  it('says, in English, what the server says, for every action and kind', () => {
    for (const action of changeActions) {
      for (const kind of itemKinds) {
        expect(say({ rule: 'author_or_steward', action, kind, author: 'Ana' })).toBe(
          notAllowedReason(action, kind, 'Ana'),
        );
        expect(say({ rule: 'author_or_steward', action, kind, author: '' })).toBe(
          notAllowedReason(action, kind, ''),
        );
      }
    }
    expect(say({ rule: 'curators_only' })).toBe(NOT_A_CURATOR);
    for (const mark of markKinds) {
      expect(say({ rule: 'own_mark', mark, owner: 'Ana' })).toBe(notYourMark(mark, 'Ana'));
      expect(say({ rule: 'own_mark', mark })).toBe(notYourMark(mark, undefined));
      expect(say({ rule: 'mark_kind', mark, kind: 'path' })).toBe(wrongKindForMark(mark, 'path'));
    }
    expect(say({ rule: 'item_kind', kind: 'tip', claimed: 'page' })).toBe(
      'item is a tip, not a page',
    );
    expect(say({ rule: 'conflicts_waiting', field: 'body', max: 20 })).toBe(
      '“body” already has 20 conflicting edits waiting; settle them on the item first, then edit again',
    );
    expect(say({ rule: 'unknown_item', missing: [] })).toBe(
      'unknown item (never created, or purged): cannot mark it',
    );
  });

  it('falls back to the server’s words for a refusal without parts', () => {
    expect(refusalSentence({ reason: 'something new' })).toBe('something new');
    expect(refusalSentence({})).toBe('no reason given');
  });
});
