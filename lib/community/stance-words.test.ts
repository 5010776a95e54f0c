import { describe, expect, it } from 'vitest';
import type { Mark } from '../wire';
import {
  agreementStatus,
  communityStanceLine,
  DAY_MS,
  stanceAgreement,
  subjectName,
} from './index';

const T0 = Date.UTC(2026, 0, 1);
const rule = { stanceMembers: 3, stanceDays: 7 };
const mark = (kind: Mark['kind'], n: number, team: string | null): Mark => ({
  kind,
  on: true,
  memberId: `m${n}`,
  name: `M${n}`,
  team,
  at: (T0 + n) * 1000,
  markedAt: T0 + n,
});
const status = (marks: Mark[], now: number) =>
  agreementStatus(stanceAgreement({ updatedAt: T0 }, marks, rule, now), rule, now);

describe('how a stance reads', () => {
  it('names a catalog tool by its name, a pattern as written', () => {
    expect(subjectName('tool:github')).toBe('GitHub');
    expect(subjectName('tool:nothing-known')).toBe('nothing-known');
    expect(subjectName('grafana.internal/*')).toBe('grafana.internal/*');
  });

  it('says the community’s stance with who agree', () => {
    expect(communityStanceLine('adopt', { members: 3, teams: 2 })).toBe(
      'Community stance: Adopt — 3 members, 2 teams',
    );
    expect(communityStanceLine('hold', { members: 1, teams: 1 })).toBe(
      'Community stance: Hold — 1 member, 1 team',
    );
  });

  it('says what is missing before it is the community’s', () => {
    const two = [mark('agree', 1, 'web'), mark('agree', 2, 'web')];
    expect(status(two, T0 + DAY_MS)).toBe(
      'Not the community’s yet: 2 of 3 members, 1 of 2 teams, no objection for 7 days.',
    );
    const three = [...two, mark('agree', 3, 'data')];
    expect(status(three, T0 + 3 + 2 * DAY_MS)).toBe(
      'Not the community’s yet: 3 members, 2 teams agree; no objection for 2 of 7 days.',
    );
    expect(status([...three, mark('object', 4, 'ops')], T0 + 30 * DAY_MS)).toBe(
      'Not the community’s yet: 1 open objection. It needs 3 members, 2 teams and no objection for 7 days.',
    );
    expect(status(three, T0 + 3 + 7 * DAY_MS)).toBe(
      'The community’s stance: 3 members, 2 teams agree.',
    );
  });
});
