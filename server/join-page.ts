/**
 * What an invite link (`/join#code`) opens in a browser: how to use it. Static, no script: the
 * code stays in the fragment, which the browser never sends here.
 */
export const JOIN_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Join a Repertoire community</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }
  code { background: #eee; padding: 0 .25em; border-radius: 3px; }
</style>
</head>
<body>
<h1>You are invited to a Repertoire community</h1>
<p>Repertoire keeps a community's shared tips, clipped pages and snippets in your browser and in
sync with the others'. To join with this invitation:</p>
<ol>
  <li>Install the Repertoire browser extension (ask whoever invited you where to get it).</li>
  <li>Open its settings: right-click its toolbar button and choose <strong>Options</strong>.</li>
  <li>Under <strong>Join a community</strong>, paste the whole address of this page into
  <strong>Invite link or code</strong>, add your name, and choose <strong>Join community</strong>.</li>
</ol>
<p>The part of the address after <code>#</code> is your invite code. It works only for as long,
and for as many people, as the steward who made it chose; if it has run out, ask them for a new one.</p>
</body>
</html>
`;
