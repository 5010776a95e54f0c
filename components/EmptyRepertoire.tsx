import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import { welcomeUrl } from '@/lib/ui';
import { Rich } from './Rich';

/** The popup's list when nothing is stored yet: how to start, and how to join a community. */
export function EmptyRepertoire({ joined }: { joined: boolean }) {
  return (
    <div class="empty">
      <p>{t('popup_emptyStart')}</p>
      {joined ? null : (
        <p>
          <Rich
            text={t('popup_emptyJoin')}
            parts={{
              join: (text) => (
                <button
                  type="button"
                  class="link"
                  onClick={() => void browser.tabs.create({ url: welcomeUrl('') })}
                >
                  {text}
                </button>
              ),
            }}
          />
        </p>
      )}
    </div>
  );
}
