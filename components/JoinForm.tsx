import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import { parseInviteText, serverAddressText } from '@/lib/sync';
import { serverOrigin } from '@/lib/wire';
import { SiteAccessOffer } from './SiteAccessOffer';

interface Props {
  /** An invite link to start from (the welcome page opened for one). */
  invite?: string;
  /** After a join, with the community's name. */
  onJoined?: (name: string) => void;
}

/**
 * Joining a shared community with an invite link or code: on the options page and the welcome
 * page. Once joined, it asks (once) for access to the sites the community's tips name.
 */
export function JoinForm({ invite = '', onJoined }: Props) {
  const [code, setCode] = useState(invite);
  const [serverUrl, setServerUrl] = useState(() => {
    const parsed = parseInviteText(invite);
    return (parsed.ok && parsed.serverUrl) || 'http://127.0.0.1:8787';
  });
  const [name, setName] = useState('');
  const [team, setTeam] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [joined, setJoined] = useState(false);

  /** A pasted link names its server: fill the address in for the member. */
  const onInvite = (value: string) => {
    setCode(value);
    const parsed = parseInviteText(value);
    if (parsed.ok && parsed.serverUrl) setServerUrl(parsed.serverUrl);
  };

  const join = async (event: Event) => {
    event.preventDefault();
    const parsed = parseInviteText(code);
    if (!parsed.ok) return setMessage({ ok: false, text: parsed.message });
    const server = parsed.serverUrl ?? serverUrl;
    const problem = serverAddressText(server);
    const origin = serverOrigin(server);
    if (problem || !origin) return setMessage({ ok: false, text: problem ?? '' });
    setBusy(true);
    setMessage(null);
    // Asked in the click: the extension may talk to this server only once the member allows it.
    const allowed = await browser.permissions
      .request({ origins: [`${origin}/*`] })
      .catch(() => false);
    if (!allowed) {
      setBusy(false);
      setMessage({
        ok: false,
        text: t('community_joinPermission', { origin }),
      });
      return;
    }
    const result = await sendMessage('joinCommunity', {
      serverUrl: server,
      code: parsed.code,
      displayName: name,
      team: team.trim() || null,
    }).catch((e: unknown) => ({ ok: false as const, message: (e as Error).message }));
    setBusy(false);
    if (result.ok) {
      setCode('');
      setJoined(true);
      setMessage({
        ok: true,
        text: t('community_joined', { name: result.name }),
      });
      onJoined?.(result.name);
    } else {
      setMessage({ ok: false, text: result.message });
    }
  };

  return (
    <div class="join">
      <form onSubmit={(e) => void join(e)} aria-label={t('community_joinForm')}>
        <h3>{t('community_joinForm')}</h3>
        <div class="field">
          <label for="join-code">{t('community_joinCode')}</label>
          <input
            id="join-code"
            value={code}
            required
            aria-describedby="join-code-hint"
            onInput={(e) => onInvite(e.currentTarget.value)}
          />
          <small id="join-code-hint" class="hint">
            {t('community_joinCodeHint')}
          </small>
        </div>
        <div class="field">
          <label for="join-server">{t('community_joinServer')}</label>
          <input
            id="join-server"
            value={serverUrl}
            onInput={(e) => setServerUrl(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="join-name">{t('community_joinName')}</label>
          <input
            id="join-name"
            value={name}
            required
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <small class="hint">{t('community_joinNameHint')}</small>
        </div>
        <div class="field">
          <label for="join-team">{t('community_joinTeam')}</label>
          <input
            id="join-team"
            value={team}
            maxLength={60}
            aria-describedby="join-team-hint"
            onInput={(e) => setTeam(e.currentTarget.value)}
          />
          <small id="join-team-hint" class="hint">
            {t('community_joinTeamHint')}
          </small>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('community_joining') : t('community_joinSubmit')}
        </button>
      </form>
      {message ? <p role={message.ok ? 'status' : 'alert'}>{message.text}</p> : null}
      {joined ? <SiteAccessOffer afterSync /> : null}
    </div>
  );
}
