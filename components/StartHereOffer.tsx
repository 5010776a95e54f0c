import { t, tn } from '@/lib/i18n';
import type { StartHere } from './hooks/useStartHere';

interface Props {
  startHere: StartHere;
  onShow: () => void;
  onPropose: () => void;
  onStances: () => void;
}

/**
 * Above the list in a shared community: Start here shown prominently to a member who has not
 * finished or dismissed it (that is what "joined recently" means here), a quiet link otherwise;
 * the community's stances, and proposing one on a tool.
 */
export function StartHereOffer({ startHere, onShow, onPropose, onStances }: Props) {
  const { path, open, progress } = startHere;
  const steps = path?.steps.length ?? 0;
  return (
    <nav class="community-nav" aria-label={t('community_startHereNav')}>
      {open ? (
        <div class="start-offer">
          <p>
            <strong>{t('community_newHere')}</strong>{' '}
            <span class="meta">
              {tn('community_stepsDoneOf', steps, { done: progress?.done.length ?? 0 })}
            </span>
          </p>
          <button type="button" class="primary" onClick={onShow}>
            {t('community_openStartHere')}
          </button>
        </div>
      ) : (
        <button type="button" class="quiet" onClick={onShow}>
          {t('community_startHere')}
        </button>
      )}
      <button type="button" class="quiet" onClick={onStances}>
        {t('community_stances')}
      </button>
      <button type="button" class="quiet" onClick={onPropose}>
        {t('community_proposeStance')}
      </button>
    </nav>
  );
}
