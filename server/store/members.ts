/** A community's active members, as stewards see them to choose who curates paths. */
import type { CommunityMember, Role } from '../../lib/wire';
import type { SqlRunner } from './sql';

/**
 * Names compared ignoring case (accents still count), in one locale whatever the server's.
 * Sorted here rather than in SQL: SQLite and PostgreSQL lower-case and collate text differently.
 */
const byName = new Intl.Collator('und', { sensitivity: 'accent' });

export async function listMembers(db: SqlRunner, communityId: string): Promise<CommunityMember[]> {
  const rows = await db.all(
    `SELECT id, display_name, team, role FROM members
     WHERE community_id = $1 AND revoked_at IS NULL`,
    [communityId],
  );
  const members = rows.map((row): CommunityMember => ({
    memberId: String(row['id']),
    displayName: String(row['display_name']),
    team: row['team'] == null ? null : String(row['team']),
    role: row['role'] as Role,
  }));
  // Member ids are unique: two members never compare equal.
  return members.sort(
    (a, b) => byName.compare(a.displayName, b.displayName) || (a.memberId < b.memberId ? -1 : 1),
  );
}
