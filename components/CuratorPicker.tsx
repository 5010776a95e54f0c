import { t } from '@/lib/i18n';
import type { MembersState } from './hooks/useCommunityMembers';

interface Props {
  members: MembersState;
  chosen: ReadonlySet<string>;
  onToggle: (memberId: string, on: boolean) => void;
  onRetry: () => void;
}

/** The members a steward allows to curate paths; stewards curate already, so they are not listed. */
export function CuratorPicker({ members, chosen, onToggle, onRetry }: Props) {
  if (members.state === 'loading') return <p role="status">{t('community_readingMembers')}</p>;
  if (members.state === 'error')
    return (
      <p role="alert">
        {t('community_membersUnreadable', { message: members.message })}{' '}
        <button type="button" class="link" onClick={onRetry}>
          {t('community_tryAgain')}
        </button>
      </p>
    );
  const others = members.members.filter((m) => m.role !== 'steward');
  if (others.length === 0) return <p class="meta">{t('community_noOtherMembers')}</p>;
  return (
    <fieldset class="curators">
      <legend>{t('community_curatorsLegend')}</legend>
      {others.map((m) => (
        <label key={m.memberId} class="choice">
          <input
            type="checkbox"
            checked={chosen.has(m.memberId)}
            onChange={(e) => onToggle(m.memberId, e.currentTarget.checked)}
          />
          <span>
            <bdi>{m.displayName}</bdi>
            {m.team ? <span class="meta"> · {m.team}</span> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
