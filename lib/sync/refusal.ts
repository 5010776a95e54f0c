/**
 * A refused change said in the member's language, from the parts the server sends
 * (lib/wire/refusal.ts); the server's English reason for a rule this extension does not know.
 */
import { markWords } from '../community';
import { formatList, t, type MessageKey } from '../i18n';
import type { ChangeAction, ItemKind, MutationResult } from '../wire';
import { MARK_RULES } from '../wire';

const KIND: Record<ItemKind, MessageKey> = {
  page: 'common_kind_page',
  snippet: 'common_kind_snippet',
  tip: 'common_kind_tip',
  question: 'common_kind_question',
  path: 'common_kind_path',
  stance: 'common_kind_stance',
};

/** "this tip", "cette astuce": a language may need the kind's gender for its article. */
const THIS_KIND: Record<ItemKind, MessageKey> = {
  page: 'common_thisKind_page',
  snippet: 'common_thisKind_snippet',
  tip: 'common_thisKind_tip',
  question: 'common_thisKind_question',
  path: 'common_thisKind_path',
  stance: 'common_thisKind_stance',
};

const ACTION: Record<ChangeAction, { named: MessageKey; anonymous: MessageKey }> = {
  edit: { named: 'common_refusal_edit', anonymous: 'common_refusal_editAnonymous' },
  delete: { named: 'common_refusal_delete', anonymous: 'common_refusal_deleteAnonymous' },
  restore: { named: 'common_refusal_restore', anonymous: 'common_refusal_restoreAnonymous' },
  retire: { named: 'common_refusal_retire', anonymous: 'common_refusal_retireAnonymous' },
  close: { named: 'common_refusal_close', anonymous: 'common_refusal_closeAnonymous' },
};

export function refusalSentence(result: Pick<MutationResult, 'reason' | 'refusal'>): string {
  const refusal = result.refusal;
  switch (refusal?.rule) {
    case 'author_or_steward': {
      const { named, anonymous } = ACTION[refusal.action];
      const item = t(THIS_KIND[refusal.kind]);
      return refusal.author ? t(named, { author: refusal.author, item }) : t(anonymous, { item });
    }
    case 'curators_only':
      return t('common_refusal_curatorsOnly');
    case 'own_mark':
      return refusal.owner
        ? t('common_refusal_ownMark', { owner: refusal.owner, mark: markWords(refusal.mark) })
        : t('common_refusal_ownMarkAnonymous', { mark: markWords(refusal.mark) });
    case 'mark_kind':
      return t('common_refusal_markKind', {
        mark: markWords(refusal.mark),
        kinds: formatList(
          MARK_RULES[refusal.mark].on.map((k) => t(KIND[k])),
          'disjunction',
        ),
        kind: t(KIND[refusal.kind]),
      });
    case 'item_kind':
      return t('common_refusal_itemKind', {
        kind: t(KIND[refusal.kind]),
        claimed: t(KIND[refusal.claimed]),
      });
    case 'conflicts_waiting':
      return t('common_refusal_conflictsWaiting', { field: refusal.field, max: refusal.max });
    case 'unknown_item':
      return refusal.missing.length > 0
        ? t('common_refusal_unknownItemMissing', { missing: refusal.missing.join(', ') })
        : t('common_refusal_unknownItem');
    default:
      return result.reason ?? t('common_refusal_noReason');
  }
}
