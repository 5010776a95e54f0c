import type { PanelPathStep as Step } from '@/lib/messaging';

/**
 * The newcomer's Start here step on the tool it is about: which step, the curator's note and
 * who wrote the step's tip, so they know whom to ask. Other members' text: rendered as text.
 */
export function PanelPathStep({ step }: { step: Step }) {
  return (
    <section class="community-line" aria-label="Start here">
      <p class="section">{step.line}</p>
      {step.note ? <p dir="auto">{step.note}</p> : null}
      <p class="meta" dir="auto">
        {step.title ? `“${step.title}”` : 'This step'}
        {step.author ? ` by ${step.author}` : ''}
      </p>
    </section>
  );
}
