import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import type { CommunitySync } from '@/lib/sync';

interface Props {
  community: CommunitySync;
  onChanged: (communities: CommunitySync[]) => void;
}

/** The member's own team in a community, changed here; marks from now on carry the new one. */
export function TeamSetting({ community, onChanged }: Props) {
  const [team, setTeam] = useState(community.team ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = `team-${community.community}`;

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await sendMessage('setTeam', {
      community: community.community,
      team: team.trim() || null,
    }).catch((e: unknown) => ({ ok: false as const, message: String((e as Error).message) }));
    setBusy(false);
    if (!result.ok) {
      // What was typed stays in the field.
      setMessage({ ok: false, text: t('community_teamNotChanged', { message: result.message }) });
      return;
    }
    onChanged(result.communities);
    setMessage({
      ok: true,
      text: team.trim()
        ? t('community_teamNow', { team: team.trim(), community: community.name })
        : t('community_teamNone'),
    });
  };

  return (
    <form
      class="team-setting"
      aria-label={t('community_teamForm', { community: community.name })}
      onSubmit={(e) => void save(e)}
    >
      <div class="field">
        <label for={id}>{t('community_teamLabel')}</label>
        <input
          id={id}
          value={team}
          maxLength={60}
          onInput={(e) => setTeam(e.currentTarget.value)}
        />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('community_saving') : t('community_saveTeam')}
      </button>
      {message ? <p role={message.ok ? 'status' : 'alert'}>{message.text}</p> : null}
    </form>
  );
}
