import type { MembersState } from './hooks/useCommunityMembers';

interface Props {
  members: MembersState;
  chosen: ReadonlySet<string>;
  onToggle: (memberId: string, on: boolean) => void;
  onRetry: () => void;
}

/** The members a steward allows to curate paths; stewards curate already, so they are not listed. */
export function CuratorPicker({ members, chosen, onToggle, onRetry }: Props) {
  if (members.state === 'loading') return <p role="status">Reading the community’s members…</p>;
  if (members.state === 'error')
    return (
      <p role="alert">
        The members could not be read: {members.message}{' '}
        <button type="button" class="link" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  const others = members.members.filter((m) => m.role !== 'steward');
  if (others.length === 0)
    return <p class="meta">Every member is a steward: there is nobody else to choose yet.</p>;
  return (
    <fieldset class="curators">
      <legend>Members who may curate paths</legend>
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
