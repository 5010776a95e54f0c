import { useEffect, useState } from 'preact/hooks';
import { useJoined } from './hooks/useJoined';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import { parseInvite } from '@/lib/wire/invite';
import { InviteForm } from './InviteForm';
import { SyncStatusLine } from './SyncStatusLine';

/** Joining, seeing and leaving shared communities. */
export function CommunitiesSettings() {
  const [joined, setJoined] = useJoined();
  const [serverUrl, setServerUrl] = useState('http://127.0.0.1:8787');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    // Member counts and roles as the servers know them now; sync status is pushed meanwhile.
    void sendMessage('refreshCommunities', {}).then(setJoined);
  }, [setJoined]);

  /** A pasted link names its server: fill the address in for the member. */
  const onInvite = (value: string) => {
    setCode(value);
    const parsed = parseInvite(value);
    if (parsed.ok && parsed.serverUrl) setServerUrl(parsed.serverUrl);
  };

  const join = async (event: Event) => {
    event.preventDefault();
    const invite = parseInvite(code);
    if (!invite.ok) {
      setMessage({ ok: false, text: invite.message });
      return;
    }
    const server = invite.serverUrl ?? serverUrl;
    setBusy(true);
    setMessage(null);
    // Asked in the click: the extension may talk to this server only once the member allows it.
    const origin = (() => {
      try {
        return new URL(server).origin;
      } catch {
        return null;
      }
    })();
    const allowed = origin
      ? await browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false)
      : true;
    if (!allowed) {
      setBusy(false);
      setMessage({
        ok: false,
        text: `Repertoire needs your permission to talk to ${origin}. Join again and choose Allow.`,
      });
      return;
    }
    const result = await sendMessage('joinCommunity', {
      serverUrl: server,
      code: invite.code,
      displayName: name,
    });
    setBusy(false);
    if (result.ok) {
      setCode('');
      setMessage({
        ok: true,
        text: `You joined “${result.name}”. It is now in the popup’s community picker.`,
      });
    } else {
      setMessage({ ok: false, text: result.message });
    }
  };

  return (
    <section aria-labelledby="communities-heading">
      <h2 id="communities-heading">Shared communities</h2>
      {joined === null ? (
        <p class="empty">Loading…</p>
      ) : joined.length === 0 ? (
        <p class="empty">
          You have not joined a shared community yet. Your Personal repertoire stays on this
          browser.
        </p>
      ) : (
        <ul aria-label="Joined communities" class="joined">
          {joined.map((c) => (
            <li key={c.community}>
              <strong>{c.name}</strong>{' '}
              <span class="meta">
                {c.role === 'steward' ? 'Steward' : 'Member'} · {c.memberCount}{' '}
                {c.memberCount === 1 ? 'member' : 'members'} · as {c.displayName} · {c.serverUrl}
              </span>
              <SyncStatusLine
                status={c.status}
                onRetry={() =>
                  void sendMessage('syncNow', { community: c.community }).then(setJoined)
                }
                onDismiss={() =>
                  void sendMessage('dismissRefused', { community: c.community }).then(setJoined)
                }
              />
              {c.role === 'steward' ? (
                <details>
                  <summary>Invite people to {c.name}</summary>
                  <InviteForm community={c.community} name={c.name} />
                </details>
              ) : null}
              <button
                type="button"
                class="danger"
                onClick={() => {
                  if (!confirm(`Leave “${c.name}”? Its items will be removed from this browser.`))
                    return;
                  void sendMessage('leaveCommunity', { community: c.community });
                }}
              >
                Leave {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void join(e)} aria-label="Join a community">
        <h3>Join a community</h3>
        <div class="field">
          <label for="join-code">Invite link or code</label>
          <input
            id="join-code"
            value={code}
            required
            aria-describedby="join-code-hint"
            onInput={(e) => onInvite(e.currentTarget.value)}
          />
          <small id="join-code-hint" class="hint">
            Paste the link a steward sent you (it fills in the server address), or just its code.
          </small>
        </div>
        <div class="field">
          <label for="join-server">Server address</label>
          <input
            id="join-server"
            value={serverUrl}
            onInput={(e) => setServerUrl(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="join-name">Your name</label>
          <input
            id="join-name"
            value={name}
            required
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <small class="hint">Shown to the community beside what you share.</small>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Joining…' : 'Join community'}
        </button>
      </form>
      {message ? <p role={message.ok ? 'status' : 'alert'}>{message.text}</p> : null}
    </section>
  );
}
