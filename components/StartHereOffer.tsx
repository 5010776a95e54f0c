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
    <nav class="community-nav" aria-label="Start here and stances">
      {open ? (
        <div class="start-offer">
          <p>
            <strong>New here? Start here.</strong>{' '}
            <span class="meta">
              {progress?.done.length ?? 0} of {steps} steps done
            </span>
          </p>
          <button type="button" class="primary" onClick={onShow}>
            Open Start here
          </button>
        </div>
      ) : (
        <button type="button" class="quiet" onClick={onShow}>
          Start here
        </button>
      )}
      <button type="button" class="quiet" onClick={onStances}>
        Stances
      </button>
      <button type="button" class="quiet" onClick={onPropose}>
        Propose a stance
      </button>
    </nav>
  );
}
