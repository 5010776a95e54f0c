import { agreeingWords, POSITION_WORDS, subjectName } from '@/lib/community';
import type { RepertoireDb } from '@/lib/db';
import { formatDate } from '@/lib/ui';
import { useStances } from './hooks/useStances';
import { ResultList } from './ResultList';

const objectionsLine = (n: number) =>
  n === 0 ? '' : `${n} open ${n === 1 ? 'objection' : 'objections'}`;

interface Props {
  db: RepertoireDb | undefined;
  community: string | null;
  onOpen: (id: string) => void;
  onPropose: () => void;
  onBack: () => void;
}

/**
 * Every stance of the community in one place: the community's own first ("Adopt: Jira · The
 * community’s · 5 members, 3 teams agree"), then those still proposed, with what each is missing.
 */
export function StancesList({ db, community, onOpen, onPropose, onBack }: Props) {
  const stances = useStances(db, community);
  return (
    <section class="stances-list" aria-labelledby="stances-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          Back to results
        </button>
        <button type="button" onClick={onPropose}>
          Propose a stance
        </button>
      </div>
      <h1 id="stances-title">Stances on tools</h1>
      {stances === null ? (
        <p class="empty">Loading the stances…</p>
      ) : stances.length === 0 ? (
        <p class="empty">
          No stances yet. Propose one on a tool your teams use, and see who agrees.
        </p>
      ) : (
        <ResultList
          label="Stances"
          onOpen={onOpen}
          entries={stances.map(({ stance, agreement }) => ({
            id: stance.id,
            kind: 'stance',
            title: `${POSITION_WORDS[stance.position]}: ${subjectName(stance.subject)}`,
            detail: [
              agreement.agreed ? 'The community’s' : 'Proposed',
              agreement.members === 0 ? 'no one agrees yet' : `${agreeingWords(agreement)} agree`,
              objectionsLine(agreement.objections.length),
              stance.author ?? 'a member',
              formatDate(stance.createdAt),
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      )}
    </section>
  );
}
