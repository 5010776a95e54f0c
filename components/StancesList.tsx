import { agreeingWords, positionWord, subjectName } from '@/lib/community';
import type { RepertoireDb } from '@/lib/db';
import { t, tn } from '@/lib/i18n';
import { formatDate } from '@/lib/ui';
import { useStances } from './hooks/useStances';
import { ResultList } from './ResultList';

const objectionsLine = (n: number) => (n === 0 ? '' : tn('library_openObjections', n));

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
          {t('library_backToResults')}
        </button>
        <button type="button" onClick={onPropose}>
          {t('library_proposeAStance')}
        </button>
      </div>
      <h1 id="stances-title">{t('library_stancesTitle')}</h1>
      {stances === null ? (
        <p class="empty">{t('library_loadingStances')}</p>
      ) : stances.length === 0 ? (
        <p class="empty">{t('library_noStances')}</p>
      ) : (
        <ResultList
          label={t('library_stances')}
          onOpen={onOpen}
          entries={stances.map(({ stance, agreement }) => ({
            id: stance.id,
            kind: 'stance',
            title: t('library_stanceListTitle', {
              position: positionWord(stance.position),
              tool: subjectName(stance.subject),
            }),
            detail: [
              agreement.agreed ? t('library_theCommunitys') : t('library_proposed'),
              agreement.members === 0
                ? t('library_noOneAgrees')
                : t('library_whoAgree', { who: agreeingWords(agreement) }),
              objectionsLine(agreement.objections.length),
              stance.author ?? t('library_aMember'),
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
