/**
 * Marks as members read them, in their language: their names ("“Helped me”") and why a note
 * is refused. lib/wire/marks.ts decides (for the server too) and says it in codes.
 */
import { t, type MessageKey } from '../i18n';
import { noteIssue, type MarkKind } from '../wire';

const MARK_KEYS = {
  helped: 'common_mark_helped',
  vouch: 'common_mark_vouch',
  verified: 'common_mark_verified',
  needs_update: 'common_mark_needsUpdate',
  me_too: 'common_mark_meToo',
  agree: 'common_mark_agree',
  object: 'common_mark_object',
  answered: 'common_mark_answered',
} as const satisfies Record<MarkKind, MessageKey>;

/** A mark's name, quoted: "“Helped me”". */
export const markWords = (kind: MarkKind): string => t(MARK_KEYS[kind]);

/**
 * Why a mark's note is refused, as a sentence ("A note on “Helped me” is at most 280
 * characters."); null if it is fine.
 */
export function markNoteProblem(
  kind: MarkKind,
  on: boolean,
  note: string | undefined,
): string | null {
  const issue = noteIssue(kind, on, note);
  if (!issue) return null;
  const mark = markWords(kind);
  switch (issue.code) {
    case 'required':
      return t('background_markNoteRequired', { mark });
    case 'when-off':
      return t('background_markNoteWhenOff');
    case 'none':
      return t('background_markNoteNone', { mark });
    case 'blank':
      return t('background_markNoteBlank');
    case 'too-long':
      return t('background_markNoteTooLong', { mark, max: String(issue.max) });
    case 'one-line':
      return t('background_markNoteOneLine', { mark });
  }
}
