import { useState } from 'preact/hooks';
import type { PanelTip } from '@/lib/messaging';
import { MarkdownTree } from './MarkdownTree';

interface Props {
  tips: readonly PanelTip[];
  onHelped: (id: string, helped: boolean) => void;
  onMuteTip: (id: string) => void;
  onMuteSite: () => void;
  onNewTip: () => void;
  onDismiss: () => void;
}

/**
 * The in-page panel: a small pill that opens on click, so it never covers the page's own
 * controls. Tips come from other members: their Markdown arrives as a tree of allowed elements
 * (lib/markdown), everything else is rendered as text.
 */
export function RelatedPanel({
  tips,
  onHelped,
  onMuteTip,
  onMuteSite,
  onNewTip,
  onDismiss,
}: Props) {
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState<string | null>(null);
  const label = `${tips.length} related ${tips.length === 1 ? 'tip' : 'tips'}`;
  if (!open) {
    return (
      <button type="button" class="pill" aria-expanded="false" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <section
      class="panel"
      role="dialog"
      aria-label="Related tips from your repertoire"
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
    >
      <header>
        <strong>{label}</strong>
        <button type="button" aria-label="Collapse" onClick={() => setOpen(false)}>
          –
        </button>
        <button type="button" aria-label="Hide until next page" onClick={onDismiss}>
          ×
        </button>
      </header>
      <ul>
        {tips.map((tip) => (
          <li key={tip.id}>
            <h2 dir="auto">{tip.title}</h2>
            {tip.markdown ? (
              <div class="markdown">
                <MarkdownTree nodes={tip.markdown} />
              </div>
            ) : tip.text ? (
              <p dir="auto">{tip.text}</p>
            ) : null}
            <p class="meta">{tip.author ? `by ${tip.author}` : 'from your repertoire'}</p>
            {why === tip.id ? <p class="meta">{tip.why}.</p> : null}
            <div class="actions">
              <button
                type="button"
                aria-pressed={tip.helped}
                onClick={() => onHelped(tip.id, !tip.helped)}
              >
                {tip.helped ? 'Helped me ✓' : 'Helped me'}
              </button>
              <button type="button" onClick={() => setWhy(why === tip.id ? null : tip.id)}>
                Why is this shown?
              </button>
              <button type="button" onClick={() => onMuteTip(tip.id)}>
                Mute this tip
              </button>
            </div>
          </li>
        ))}
      </ul>
      <footer>
        <button type="button" onClick={onNewTip}>
          Add a tip for this page
        </button>
        <button type="button" onClick={onMuteSite}>
          Mute this site
        </button>
      </footer>
    </section>
  );
}
