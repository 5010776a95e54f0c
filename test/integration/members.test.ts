/**
 * The steward's list of a community's members over real HTTP on both databases: active members
 * only, of this community only, ordered by name ignoring case; refused, in words, to others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MembersResponse } from '../../lib/wire';
import { BACKENDS, request, startServer, type TestServer } from './harness';

describe.each(BACKENDS)('the members list on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer(backend);
  });
  afterAll(() => server.stop());

  it('gives a steward the active members by name ignoring case, then id, with team and role', async () => {
    const c = await server.community();
    const bea = await c.join('bea', 'member', 'web');
    const ann = await c.join('Ann', 'steward', 'data');
    const gone = await c.join('Al');
    const cy = await c.join('Cy');
    const cy2 = await c.join('cy', 'member', 'platform');
    const other = await server.community();
    await other.join('Abe');
    const revoked = await request(c.steward.url(`/members/${gone.memberId}`), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${c.steward.token}` },
    });
    expect(revoked.status).toBe(204);

    const res = await c.steward.get('/members');
    expect(res.status).toBe(200);
    // The two Cys compare equal by name, so their ids order them.
    const cys = [
      { memberId: cy.memberId, displayName: 'Cy', team: null, role: 'member' },
      { memberId: cy2.memberId, displayName: 'cy', team: 'platform', role: 'member' },
    ].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
    expect(MembersResponse.parse(res.body).members).toEqual([
      { memberId: ann.memberId, displayName: 'Ann', team: 'data', role: 'steward' },
      { memberId: bea.memberId, displayName: 'bea', team: 'web', role: 'member' },
      ...cys,
      { memberId: c.steward.memberId, displayName: 'Steward', team: null, role: 'steward' },
    ]);
    const theirs = MembersResponse.parse((await other.steward.get('/members')).body).members;
    expect(theirs.map((m) => m.displayName)).toEqual(['Abe', 'Steward']);
    // A steward made by invite lists them too.
    expect((await ann.get('/members')).body).toEqual(res.body);
  });

  it('refuses a plain member in words, and a token of another community', async () => {
    const c = await server.community();
    const member = await c.join('Ben');
    const refused = await member.get('/members');
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: {
        code: 'steward_only',
        message:
          'Only a steward can list the community’s members, to choose who curates paths; ask one of its stewards.',
      },
    });

    const other = await server.community();
    const intruder = await request(`${other.steward.base}/v1/communities/${c.id}/members`, {
      headers: { Authorization: `Bearer ${other.steward.token}` },
    });
    expect(intruder.status).toBe(403);
    expect(intruder.body).toMatchObject({ error: { code: 'wrong_community' } });
  });
});
