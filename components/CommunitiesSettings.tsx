import { useEffect, useState } from 'preact/hooks';
import { t, tn } from '@/lib/i18n';
import { openRepertoireDb, type RepertoireDb } from '@/lib/db';
import { useJoined } from './hooks/useJoined';
import { useLiveChanges } from './hooks/useLiveChanges';
import { sendMessage } from '@/lib/messaging';
import { InviteForm } from './InviteForm';
import { JoinForm } from './JoinForm';
import { CommunityRules } from './CommunityRules';
import { SyncStatusLine } from './SyncStatusLine';
import { TeamSetting } from './TeamSetting';

/** Joining, seeing and leaving shared communities. */
export function CommunitiesSettings() {
  const [joined, setJoined] = useJoined();

  useEffect(() => {
    // Member counts and roles as the servers know them now; sync status is pushed meanwhile.
    void sendMessage('refreshCommunities', {}).then(setJoined);
  }, [setJoined]);

  // Live while the page is open: another member's change (a steward's new rules) is pulled,
  // and the sync lines and rules below show it.
  const [db, setDb] = useState<RepertoireDb>();
  useEffect(() => {
    let opened: RepertoireDb | undefined;
    void openRepertoireDb().then((handle) => setDb((opened = handle)));
    return () => opened?.close();
  }, []);
  useLiveChanges(db, joined?.map((c) => c.community) ?? [], (community) => {
    void sendMessage('syncNow', { community }).then(setJoined, () => undefined);
  });

  return (
    <section aria-labelledby="communities-heading">
      <h2 id="communities-heading">{t('community_sharedHeading')}</h2>
      {joined === null ? (
        <p class="empty">{t('community_loading')}</p>
      ) : joined.length === 0 ? (
        <p class="empty">{t('community_noneJoined')}</p>
      ) : (
        <ul aria-label={t('community_joinedList')} class="joined">
          {joined.map((c) => (
            <li key={c.community}>
              <strong>{c.name}</strong>{' '}
              <span class="meta">
                {t(c.role === 'steward' ? 'community_roleSteward' : 'community_roleMember')} ·{' '}
                {tn('community_memberCount', c.memberCount)} ·{' '}
                {c.team
                  ? t('community_asNameTeam', { name: c.displayName, team: c.team })
                  : t('community_asName', { name: c.displayName })}{' '}
                · {c.serverUrl}
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
              <TeamSetting community={c} onChanged={setJoined} />
              <CommunityRules community={c} syncedAt={c.status.lastSyncedAt} />
              {c.role === 'steward' ? (
                <details>
                  <summary>{t('community_invitePeople', { name: c.name })}</summary>
                  <InviteForm community={c.community} name={c.name} />
                </details>
              ) : null}
              <button
                type="button"
                class="danger"
                onClick={() => {
                  if (!confirm(t('community_leaveConfirm', { name: c.name }))) return;
                  void sendMessage('leaveCommunity', { community: c.community });
                }}
              >
                {t('community_leave', { name: c.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <JoinForm />
    </section>
  );
}
