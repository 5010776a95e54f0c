import type { StateLine } from '@/lib/community';
import { t } from '@/lib/i18n';

/** A tip's state lines ("Verified by Ana · 2 months ago", "Due for review"), as text. */
export function StateLines({ lines }: { lines: readonly StateLine[] }) {
  return (
    <ul class="state-lines" aria-label={t('popup_tipState')}>
      {lines.map((line) => (
        <li key={line.text} class={`state state-${line.tone}`} dir="auto">
          {line.text}
        </li>
      ))}
    </ul>
  );
}
