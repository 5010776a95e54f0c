/**
 * What an invite link (`/join#code`) opens in a browser. Static, no script: the code stays in the
 * fragment, which the browser never sends here. The installed extension reads the link from the
 * tab when the member clicks its toolbar button (activeTab), so no extension code runs on any
 * server's pages (docs/architecture.md, "Joining from an invite link").
 *
 * It cannot name the community: one server holds many, and only the secret code says which.
 * The extension names it as soon as the member joins.
 */
export const JOIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Join a Repertoire community</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }
  code { background: #8883; padding: 0 .25em; border-radius: 3px; }
  h2 { font-size: 1.1rem; margin-top: 2rem; }
</style>
</head>
<body>
<h1>You are invited to a Repertoire community</h1>
<p>Repertoire keeps a community’s shared tips, clipped pages and snippets in your browser, in
sync with the others’, and shows the tips on the sites you work on.</p>
<h2>Repertoire is installed</h2>
<p>Click the <strong>Repertoire</strong> button in your browser’s toolbar (or press
<kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>R</kbd>) while this page is open, and choose
<strong>Join this community</strong>. You will see the community’s name once you have joined:
this server may hold several, and only your invite code says which, a code this page never
sends anywhere.</p>
<h2>Repertoire is not installed yet</h2>
<ol>
  <li>Install the Repertoire browser extension (ask whoever invited you where to get it).</li>
  <li>Come back to this page (keep its whole address, with the part after <code>#</code>) and
  click the Repertoire button, as above.</li>
  <li>Or paste this page’s whole address on Repertoire’s welcome page, under
  <strong>Join your community</strong>, or in its settings, under <strong>Join a community</strong>.</li>
</ol>
<p>The part of the address after <code>#</code> is your invite code. It works only for as long,
and for as many people, as the steward who made it chose; if it has run out, ask them for a new one.</p>
</body>
</html>
`;
