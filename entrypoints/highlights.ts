import { h, render } from 'preact';
import { HighlightNote } from '@/components/HighlightNote';
import css from '@/components/highlight-note.css?inline';
import { onTabMessages } from '@/lib/messaging';
// By file, so that this bundle holds the page's side only (not the background's).
import { PageHighlights } from '@/lib/highlights/page';

// Injected by the background only into pages that snippets were clipped from; see lib/highlights.
export default defineUnlistedScript(() => {
  // Injected again after a failed delivery: the first copy keeps listening.
  const flag = globalThis as { repertoireHighlights?: true };
  if (flag.repertoireHighlights) return;
  flag.repertoireHighlights = true;
  const highlights = new PageHighlights(
    document,
    {
      draw: (mount, snippet, close) => render(h(HighlightNote, { snippet, onClose: close }), mount),
      clear: (mount) => render(null, mount),
    },
    // Closed, so page scripts cannot reach in; the e2e build opens it so tests can use roles.
    { css, open: import.meta.env.MODE === 'e2e' },
  );
  onTabMessages({
    async showHighlights({ snippets }) {
      return { ok: true, anchored: highlights.show(snippets) };
    },
  });
});
