import type { RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import type { ConflictRevision, Item, PathStep } from '@/lib/wire';
import { PathSteps } from './PathSteps';

interface Props {
  db: RepertoireDb | undefined;
  item: Item;
  conflicts: readonly ConflictRevision[];
  /** Keep `value` for `field`, dismissing the revisions with these versions. */
  onResolve?: ((field: string, value: unknown, dismiss: number[]) => void) | undefined;
}

/** Another member's version of a field, as the field reads: text, a list, or a path's steps. */
function ConflictValue({ db, field, value }: { db: Props['db']; field: string; value: unknown }) {
  if (field === 'steps' && Array.isArray(value))
    return <PathSteps db={db} steps={value as PathStep[]} label={t('library_theirSteps')} />;
  return (
    <p class="conflict-value" dir="auto">
      {Array.isArray(value) ? value.join(', ') : String(value)}
    </p>
  );
}

/**
 * Edits made at the same time as the one shown, kept by the server so none is lost: each with
 * who wrote it, their version, and (for who may edit) keeping theirs or the current one.
 */
export function ItemConflicts({ db, item, conflicts, onResolve }: Props) {
  return (
    <>
      {conflicts.map((c) => (
        <div
          class="conflict"
          role="group"
          aria-label={t('library_conflictOn', { field: c.field })}
          key={`${c.field}-${c.version}`}
        >
          <p class="meta">{t('library_conflictEdited', { author: c.author, field: c.field })}</p>
          <ConflictValue db={db} field={c.field} value={c.value} />
          {onResolve ? (
            <div class="toolbar">
              <button type="button" onClick={() => onResolve(c.field, c.value, [c.version])}>
                {t('library_keepTheirs')}
              </button>
              <button
                type="button"
                onClick={() =>
                  onResolve(c.field, (item as Record<string, unknown>)[c.field], [c.version])
                }
              >
                {t('library_keepCurrent')}
              </button>
            </div>
          ) : null}
        </div>
      ))}
    </>
  );
}
