import type { PopupState } from './hooks/usePopup';
import { t } from '@/lib/i18n';

/** The popup's top row: which community, and the three ways to add to it. */
export function PopupToolbar({ popup }: { popup: PopupState }) {
  const { home, tab, db, clip, tips } = popup;
  return (
    <header class="toolbar">
      <label class="community">
        <span class="visually-hidden">{t('popup_community')}</span>
        <select
          value={home.community ?? ''}
          onChange={(e) => home.choose((e.currentTarget as HTMLSelectElement).value)}
        >
          {home.communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        class="primary"
        onClick={() => void clip('page')}
        disabled={!tab || !db}
      >
        {t('popup_clipPage')}
      </button>
      <button type="button" onClick={() => void clip('selection')} disabled={!tab || !db}>
        {t('popup_clipSelection')}
      </button>
      <button type="button" onClick={() => void tips.start()} disabled={!db}>
        {t('popup_newTip')}
      </button>
    </header>
  );
}
