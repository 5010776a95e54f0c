import { useState } from 'preact/hooks';
import { JoinForm } from './JoinForm';

type Choice = 'undecided' | 'join' | 'personal';

const DOES = [
  ['Clip', 'a page (its article), a selected snippet with its source, or a short tip.'],
  ['Search', 'everything from the toolbar button, instantly and offline.'],
  ['See related tips', 'on the sites you work on: a badge, and a small panel on the page.'],
  ['Share', 'with your community of practice, through its server.'],
] as const;

/**
 * The first page a member sees: what Repertoire does, then join a community or go alone.
 * `invite`: opened to join (from the popup), with the link found in the tab or none ('').
 */
export function Welcome({ invite }: { invite: string | null }) {
  const [choice, setChoice] = useState<Choice>(invite === null ? 'undecided' : 'join');
  const [joined, setJoined] = useState<string | null>(null);
  return (
    <main class="welcome">
      <h1>Welcome to Repertoire</h1>
      <p>Your community of practice’s shared repertoire, where you work:</p>
      <ul class="does">
        {DOES.map(([what, how]) => (
          <li key={what}>
            <strong>{what}</strong> {how}
          </li>
        ))}
      </ul>
      <p class="meta">
        Everything is kept in this browser first; the pages you visit never leave it.
      </p>
      {choice === 'undecided' ? (
        <div class="toolbar choices">
          <button type="button" class="primary" onClick={() => setChoice('join')}>
            Join your community
          </button>
          <button type="button" onClick={() => setChoice('personal')}>
            Start with Personal
          </button>
        </div>
      ) : null}
      {choice === 'join' ? (
        <section aria-label="Join your community">
          {invite ? (
            <p>This invite link was found on the page you were on; add your name and join.</p>
          ) : (
            <p>Paste the invite link a steward of your community sent you.</p>
          )}
          <JoinForm invite={invite ?? ''} onJoined={setJoined} />
          {joined ? (
            <p>
              Open Repertoire from its toolbar button (or press Alt+Shift+R): “{joined}” is in its
              community picker.
            </p>
          ) : (
            <button type="button" class="link" onClick={() => setChoice('personal')}>
              No invite? Start with Personal
            </button>
          )}
        </section>
      ) : null}
      {choice === 'personal' ? (
        <section aria-label="Start with Personal" role="status">
          <p>
            Your Personal repertoire is ready, on this browser only. Open Repertoire from its
            toolbar button (or press Alt+Shift+R) to clip this page, a selection, or write a tip.
          </p>
          <p>
            To share later, join your community from Repertoire’s settings, or open an invite link
            and click the toolbar button there.
          </p>
        </section>
      ) : null}
    </main>
  );
}
