/**
 * `npm run server -- --db FILE --backup COPY`: an online, consistent copy of a SQLite database
 * through SQLite's backup API, while a server keeps serving from FILE. All pages are copied in
 * one step, inside one read transaction: a snapshot of one moment that, under WAL, never blocks
 * the server's writes (copied in small steps instead, a write by the server between two steps
 * would restart the copy, and a busy server could keep it from ever finishing).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

export async function backupSqlite(from: string, to: string): Promise<{ pages: number }> {
  if (!existsSync(from)) throw new Error(`there is no database at ${from}; check --db`);
  if (existsSync(to)) {
    throw new Error(`${to} exists already; a backup never overwrites a file, name a new one`);
  }
  const source = new Database(from, { fileMustExist: true });
  try {
    const { totalPages } = await source.backup(to, { progress: () => 0x7fffffff });
    const copy = new Database(to, { readonly: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy at ${to} fails SQLite's check: ${check}`);
    } finally {
      copy.close();
    }
    return { pages: totalPages };
  } finally {
    source.close();
  }
}
