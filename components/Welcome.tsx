import { useState } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import { JoinForm } from './JoinForm';
import { Rich } from './Rich';

type Choice = 'undecided' | 'join' | 'personal';

/** What Repertoire does, each sentence's verb in bold (`<b>`). */
const DOES: MessageKey[] = [
  'community_welcomeClip',
  'community_welcomeSearch',
  'community_welcomeRelated',
  'community_welcomeShare',
];

/**
 * The first page a member sees: what Repertoire does, then join a community or go alone.
 * `invite`: opened to join (from the popup), with the link found in the tab or none ('').
 */
export function Welcome({ invite }: { invite: string | null }) {
  const [choice, setChoice] = useState<Choice>(invite === null ? 'undecided' : 'join');
  const [joined, setJoined] = useState<string | null>(null);
  return (
    <main class="welcome">
      <h1>{t('community_welcomeTitle')}</h1>
      <p>{t('community_welcomeIntro')}</p>
      <ul class="does">
        {DOES.map((key) => (
          <li key={key}>
            <Rich text={t(key)} parts={{ b: (text) => <strong>{text}</strong> }} />
          </li>
        ))}
      </ul>
      <p class="meta">{t('community_welcomePrivacy')}</p>
      {choice === 'undecided' ? (
        <div class="toolbar choices">
          <button type="button" class="primary" onClick={() => setChoice('join')}>
            {t('community_joinYours')}
          </button>
          <button type="button" onClick={() => setChoice('personal')}>
            {t('community_startPersonal')}
          </button>
        </div>
      ) : null}
      {choice === 'join' ? (
        <section aria-label={t('community_joinYours')}>
          {invite ? <p>{t('community_inviteFound')}</p> : <p>{t('community_pasteInvite')}</p>}
          <JoinForm invite={invite ?? ''} onJoined={setJoined} />
          {joined ? (
            <p>{t('community_welcomeJoined', { name: joined })}</p>
          ) : (
            <button type="button" class="link" onClick={() => setChoice('personal')}>
              {t('community_noInvite')}
            </button>
          )}
        </section>
      ) : null}
      {choice === 'personal' ? (
        <section aria-label={t('community_startPersonal')} role="status">
          <p>{t('community_personalReady')}</p>
          <p>{t('community_shareLater')}</p>
        </section>
      ) : null}
    </main>
  );
}
