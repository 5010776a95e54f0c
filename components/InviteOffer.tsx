import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { welcomeUrl } from '@/lib/ui';
import { parseInvite } from '@/lib/wire';

/**
 * On a server's /join page, the popup offers to join: the member's click on the toolbar button
 * gives Repertoire that tab's address (activeTab), invite code in its fragment included; no
 * content script runs on any server's pages.
 */
export function InviteOffer({ url }: { url: string | null | undefined }) {
  const invite = url ? parseInvite(url) : null;
  if (!invite?.ok || !invite.serverUrl || !url) return null;
  const server = new URL(invite.serverUrl).host;
  return (
    <section class="invite-offer" aria-label={t('community_inviteOnPage')}>
      <p>{t('community_inviteOffer', { server })}</p>
      <button
        type="button"
        class="primary"
        onClick={() => void browser.tabs.create({ url: welcomeUrl(url) })}
      >
        {t('community_joinThis')}
      </button>
    </section>
  );
}
