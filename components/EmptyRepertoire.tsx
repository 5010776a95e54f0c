import { browser } from 'wxt/browser';
import { welcomeUrl } from '@/lib/ui';

/** The popup's list when nothing is stored yet: how to start, and how to join a community. */
export function EmptyRepertoire({ joined }: { joined: boolean }) {
  return (
    <div class="empty">
      <p>Nothing here yet. Clip this page, select text and clip the selection, or write a tip.</p>
      {joined ? null : (
        <p>
          Your community shares one? Open its invite link and click this button there, or{' '}
          <button
            type="button"
            class="link"
            onClick={() => void browser.tabs.create({ url: welcomeUrl('') })}
          >
            Join your community
          </button>{' '}
          with the link.
        </p>
      )}
    </div>
  );
}
