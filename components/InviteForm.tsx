import { useState } from 'preact/hooks';
import type { ResponseOf } from '@/lib/messaging';
import { sendMessage } from '@/lib/messaging';
import { formatDate } from '@/lib/ui';

type Made = Extract<ResponseOf<'createInvite'>, { ok: true }>;

const VALIDITY = [
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
];

/** A steward's invite: who may join, how many, for how long; then a link to send. */
export function InviteForm({ community, name }: { community: string; name: string }) {
  const [role, setRole] = useState<'member' | 'steward'>('member');
  const [maxUses, setMaxUses] = useState('10');
  const [hours, setHours] = useState(24 * 7);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<Made | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const uses = Number(maxUses);
  const usesValid = Number.isInteger(uses) && uses >= 1 && uses <= 10_000;

  const create = async (event: Event) => {
    event.preventDefault();
    if (!usesValid) return;
    setBusy(true);
    setError(null);
    setCopied(false);
    const result = await sendMessage('createInvite', {
      community,
      role,
      maxUses: uses,
      expiresInHours: hours,
    });
    setBusy(false);
    if (result.ok) setMade(result);
    else setError(result.message);
  };

  const copy = async () => {
    if (!made) return;
    await navigator.clipboard.writeText(made.link).then(
      () => setCopied(true),
      () => setError('Could not copy; select the link and copy it yourself.'),
    );
  };

  return (
    <form class="invite" aria-label={`Invite people to ${name}`} onSubmit={(e) => void create(e)}>
      <div class="field">
        <label for={`invite-role-${community}`}>They join as</label>
        <select
          id={`invite-role-${community}`}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as 'member' | 'steward')}
        >
          <option value="member">Members</option>
          <option value="steward">Stewards (can invite others)</option>
        </select>
      </div>
      <div class="field">
        <label for={`invite-uses-${community}`}>How many people</label>
        <input
          id={`invite-uses-${community}`}
          type="number"
          min={1}
          max={10_000}
          value={maxUses}
          aria-invalid={!usesValid}
          aria-describedby={`invite-uses-hint-${community}`}
          onInput={(e) => setMaxUses(e.currentTarget.value)}
        />
        <small id={`invite-uses-hint-${community}`} class={usesValid ? 'hint' : 'field-error'}>
          {usesValid
            ? 'The link stops working after that many joins.'
            : 'A number from 1 to 10,000.'}
        </small>
      </div>
      <div class="field">
        <label for={`invite-valid-${community}`}>Valid for</label>
        <select
          id={`invite-valid-${community}`}
          value={String(hours)}
          onChange={(e) => setHours(Number(e.currentTarget.value))}
        >
          {VALIDITY.map((v) => (
            <option key={v.hours} value={String(v.hours)}>
              {v.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy || !usesValid}>
        {busy ? 'Creating…' : 'Create invite link'}
      </button>
      {made ? (
        <div class="field" role="status">
          <label for={`invite-link-${community}`}>Invite link</label>
          <input
            id={`invite-link-${community}`}
            readOnly
            value={made.link}
            onFocus={(e) => e.currentTarget.select()}
          />
          <small class="hint">
            Up to {made.maxUses} {made.maxUses === 1 ? 'person joins' : 'people join'} as{' '}
            {made.role === 'steward' ? 'stewards' : 'members'} until{' '}
            {formatDate(made.expiresAt, { time: true })}. Anyone with the link can use it: send it
            only to the people you mean. They paste it in Repertoire’s settings, under Join a
            community.
          </small>
          <button type="button" onClick={() => void copy()}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
