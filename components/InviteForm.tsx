import { useState } from 'preact/hooks';
import { t, tn } from '@/lib/i18n';
import type { ResponseOf } from '@/lib/messaging';
import { sendMessage } from '@/lib/messaging';
import { formatDate } from '@/lib/ui';

type Made = Extract<ResponseOf<'createInvite'>, { ok: true }>;

/** How long a link may be used, in days. */
const VALIDITY = [1, 7, 30];
const MAX_USES = 10_000;

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
  const usesValid = Number.isInteger(uses) && uses >= 1 && uses <= MAX_USES;

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
      () => setError(t('community_copyFailed')),
    );
  };

  return (
    <form
      class="invite"
      aria-label={t('community_invitePeople', { name })}
      onSubmit={(e) => void create(e)}
    >
      <div class="field">
        <label for={`invite-role-${community}`}>{t('community_inviteRole')}</label>
        <select
          id={`invite-role-${community}`}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as 'member' | 'steward')}
        >
          <option value="member">{t('community_inviteAsMembers')}</option>
          <option value="steward">{t('community_inviteAsStewards')}</option>
        </select>
      </div>
      <div class="field">
        <label for={`invite-uses-${community}`}>{t('community_inviteUses')}</label>
        <input
          id={`invite-uses-${community}`}
          type="number"
          min={1}
          max={MAX_USES}
          value={maxUses}
          aria-invalid={!usesValid}
          aria-describedby={`invite-uses-hint-${community}`}
          onInput={(e) => setMaxUses(e.currentTarget.value)}
        />
        <small id={`invite-uses-hint-${community}`} class={usesValid ? 'hint' : 'field-error'}>
          {usesValid
            ? t('community_inviteUsesHint')
            : t('community_inviteUsesRange', { min: 1, max: MAX_USES })}
        </small>
      </div>
      <div class="field">
        <label for={`invite-valid-${community}`}>{t('community_inviteValid')}</label>
        <select
          id={`invite-valid-${community}`}
          value={String(hours)}
          onChange={(e) => setHours(Number(e.currentTarget.value))}
        >
          {VALIDITY.map((days) => (
            <option key={days} value={String(days * 24)}>
              {tn('community_days', days)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy || !usesValid}>
        {busy ? t('community_creating') : t('community_createInvite')}
      </button>
      {made ? (
        <div class="field" role="status">
          <label for={`invite-link-${community}`}>{t('community_inviteLink')}</label>
          <input
            id={`invite-link-${community}`}
            readOnly
            value={made.link}
            onFocus={(e) => e.currentTarget.select()}
          />
          <small class="hint">
            {tn(
              made.role === 'steward'
                ? 'community_inviteMadeStewards'
                : 'community_inviteMadeMembers',
              made.maxUses,
              { date: formatDate(made.expiresAt, { time: true }) },
            )}
          </small>
          <button type="button" onClick={() => void copy()}>
            {copied ? t('community_copied') : t('community_copyLink')}
          </button>
        </div>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </form>
  );
}
