import { useEffect, useState } from 'preact/hooks';
import { getItems, type RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import type { Item, PathStep } from '@/lib/wire';

interface Props {
  db: RepertoireDb | undefined;
  steps: readonly PathStep[];
  /** The list's accessible name: "Steps", or "Their steps" in a conflict. */
  label: string;
}

/**
 * A path's steps as members read them: "2. Label PRs for the release notes", the curator's
 * note, and who wrote the step's item. The same list shows a path and a conflicting version
 * of its steps, so two orders are compared as lists, never as data.
 */
export function PathSteps({ db, steps, label }: Props) {
  const [items, setItems] = useState<ReadonlyMap<string, Item> | null>(null);
  useEffect(() => {
    if (!db) return;
    let live = true;
    void getItems(
      db,
      steps.map((s) => s.itemId),
    ).then((found) => {
      if (live)
        setItems(new Map(found.flatMap((item) => (item ? [[item.id, item] as const] : []))));
    });
    return () => {
      live = false;
    };
  }, [db, steps]);
  if (steps.length === 0) return <p class="meta">{t('library_noSteps')}</p>;
  return (
    <ol aria-label={label} class="steps">
      {steps.map((step, index) => {
        const item = items?.get(step.itemId);
        const title = items ? item?.title || t('library_itemNotHere') : '…';
        return (
          <li key={step.itemId}>
            <strong dir="auto">{t('library_stepTitle', { number: index + 1, title })}</strong>
            {step.note ? <p dir="auto">{step.note}</p> : null}
            {item?.author ? (
              <p class="meta">{t('library_byAuthor', { author: item.author })}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
