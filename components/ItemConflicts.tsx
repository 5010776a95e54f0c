import type { RepertoireDb } from '@/lib/db';
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
    return <PathSteps db={db} steps={value as PathStep[]} label="Their steps" />;
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
          aria-label={`Conflict on ${c.field}`}
          key={`${c.field}-${c.version}`}
        >
          <p class="meta">
            {c.author} edited “{c.field}” at the same time. Their version:
          </p>
          <ConflictValue db={db} field={c.field} value={c.value} />
          {onResolve ? (
            <div class="toolbar">
              <button type="button" onClick={() => onResolve(c.field, c.value, [c.version])}>
                Keep their version
              </button>
              <button
                type="button"
                onClick={() =>
                  onResolve(c.field, (item as Record<string, unknown>)[c.field], [c.version])
                }
              >
                Keep the current version
              </button>
            </div>
          ) : null}
        </div>
      ))}
    </>
  );
}
