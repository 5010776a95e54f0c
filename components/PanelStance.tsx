import { t } from '@/lib/i18n';
import type { PanelStance as Stance } from '@/lib/messaging';

interface Props {
  stance: Stance;
  /** Opens the stance (its reason, who agreed) or a search for the tool's tips, in the popup. */
  onOpen: (target: { item: string } | { q: string }) => void;
}

/** The community's agreed stance on this page's tool, with the way to its reasons and tips. */
export function PanelStance({ stance, onOpen }: Props) {
  return (
    <section class="community-line" aria-label={t('popup_panelCommunityStance')}>
      <p>
        <strong>{stance.line}</strong>
      </p>
      <div class="actions">
        <button type="button" onClick={() => onOpen({ item: stance.id })}>
          {t('popup_panelStanceWhy')}
        </button>
        <button type="button" onClick={() => onOpen({ q: stance.subject })}>
          {t('popup_panelTipsFor', { subject: stance.subject })}
        </button>
      </div>
    </section>
  );
}
