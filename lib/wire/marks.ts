/**
 * Marks: per-member signals on an item ("Helped me", "I vouch for this", "Still accurate", ...).
 * Each member has at most one mark of each kind on an item and adds or takes back only their
 * own; a mark is not an edit of the item, so the authorship rule (authz.ts) does not apply.
 * Which item kinds take which mark, and what note each carries, is decided here for both the
 * server and the extension (docs/community.md).
 */
import type { ItemKind } from './schemas';

export const markKinds = [
  'helped',
  'vouch',
  'verified',
  'needs_update',
  'me_too',
  'agree',
  'object',
  'answered',
] as const;
export type MarkKind = (typeof markKinds)[number];

export interface MarkRule {
  /** What a member reads, in refusals and (next) in the views. */
  words: string;
  /** The item kinds that take this mark. */
  on: readonly ItemKind[];
  /** Whether adding the mark carries a note: none, an optional one, or a required one. */
  note: 'none' | 'optional' | 'required';
  noteChars: number;
  /** A one-line story: no line breaks. */
  oneLine: boolean;
}

const CLIPPED: readonly ItemKind[] = ['page', 'snippet', 'tip'];
const STORY = { note: 'optional', noteChars: 280, oneLine: true } as const;
const NONE = { note: 'none', noteChars: 0, oneLine: true } as const;
const REASON = { note: 'optional', noteChars: 1_000, oneLine: false } as const;

export const MARK_RULES: Record<MarkKind, MarkRule> = {
  helped: { words: '“Helped me”', on: CLIPPED, ...STORY },
  vouch: { words: '“I vouch for this”', on: CLIPPED, ...NONE },
  verified: { words: '“Still accurate”', on: ['tip'], ...NONE },
  needs_update: {
    words: '“Needs an update”',
    on: ['tip'],
    note: 'required',
    noteChars: 1_000,
    oneLine: false,
  },
  me_too: { words: '“Me too”', on: ['question'], ...NONE },
  agree: { words: '“Agree”', on: ['stance'], ...REASON },
  object: { words: '“Object”', on: ['stance'], ...REASON },
  // Also a "Helped me" (merge.ts adds that mark with it).
  answered: { words: '“This answered it”', on: ['tip'], ...STORY },
};

/**
 * Why a mark's note is refused, as a code the extension words in the member's language
 * (lib/community/mark-words.ts); null if it is fine.
 */
export type NoteIssue =
  | { code: 'required' | 'when-off' | 'none' | 'blank' | 'one-line' }
  | { code: 'too-long'; max: number };

export function noteIssue(kind: MarkKind, on: boolean, note: string | undefined): NoteIssue | null {
  const rule = MARK_RULES[kind];
  if (note === undefined) return on && rule.note === 'required' ? { code: 'required' } : null;
  if (!on) return { code: 'when-off' };
  if (rule.note === 'none') return { code: 'none' };
  if (note.trim() === '') return { code: 'blank' };
  if (note.length > rule.noteChars) return { code: 'too-long', max: rule.noteChars };
  if (rule.oneLine && /[\r\n]/.test(note)) return { code: 'one-line' };
  return null;
}

/** Why a mark's note is refused, in English (the server's refusal), or null if it is fine. */
export function noteProblem(kind: MarkKind, on: boolean, note: string | undefined): string | null {
  const issue = noteIssue(kind, on, note);
  if (!issue) return null;
  const { words } = MARK_RULES[kind];
  switch (issue.code) {
    case 'required':
      return `${words} needs a note saying what is wrong`;
    case 'when-off':
      return 'taking a mark back carries no note';
    case 'none':
      return `${words} carries no note`;
    case 'blank':
      return 'a note cannot be blank; leave it out instead';
    case 'too-long':
      return `a note on ${words} is at most ${issue.max} characters`;
    case 'one-line':
      return `a note on ${words} is one line`;
  }
}

/** The refusal of a mark on an item of the wrong kind. */
export function wrongKindForMark(kind: MarkKind, itemKind: ItemKind): string {
  const rule = MARK_RULES[kind];
  const kinds =
    rule.on.length > 1 ? `${rule.on.slice(0, -1).join(', ')} or ${rule.on.at(-1)}` : rule.on[0];
  return `${rule.words} is for a ${kinds}; this item is a ${itemKind}`;
}

/** The refusal of a write of someone else's mark. */
export function notYourMark(kind: MarkKind, ownerName: string | undefined): string {
  const whose = ownerName ? `${ownerName}’s` : 'another member’s';
  return `a mark is its member’s own: you can add or take back only yours, not ${whose} ${MARK_RULES[kind].words}`;
}
