import { t } from '@/lib/i18n';
import type { PanelPathStep as Step } from '@/lib/messaging';

/** Which tip the step is, and who wrote it, when they are known. */
function stepLine({ title, author }: Step): string {
  if (title && author) return t('popup_panelStepTitledBy', { title, author });
  if (title) return t('popup_panelStepTitled', { title });
  if (author) return t('popup_panelStepBy', { author });
  return t('popup_panelStep');
}

/**
 * The newcomer's Start here step on the tool it is about: which step, the curator's note and
 * who wrote the step's tip, so they know whom to ask. Other members' text: rendered as text.
 */
export function PanelPathStep({ step }: { step: Step }) {
  return (
    <section class="community-line" aria-label={t('popup_startHere')}>
      <p class="section">{step.line}</p>
      {step.note ? <p dir="auto">{step.note}</p> : null}
      <p class="meta" dir="auto">
        {stepLine(step)}
      </p>
    </section>
  );
}
