/**
 * A browser's bookmarks export as Chrome writes it (the Netscape bookmark file), with `count`
 * bookmarks in folders of `perFolder` under the bookmarks bar: for import tests, the e2e run
 * and the import bench. Titles and addresses are numbered, so two files of one count are equal.
 */
export function bookmarksFile(count: number, perFolder = 100): string {
  const lines = [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>',
    '    <DT><H3 ADD_DATE="1699990000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>',
    '    <DL><p>',
  ];
  for (let at = 0; at < count; at += perFolder) {
    lines.push(
      `        <DT><H3 ADD_DATE="1700000000">Folder ${at / perFolder + 1}</H3>`,
      '        <DL><p>',
    );
    for (let n = at; n < Math.min(count, at + perFolder); n++)
      lines.push(
        `            <DT><A HREF="https://docs.example.com/guide/${n}" ADD_DATE="${1_700_000_000 + n}">Guide page ${n}</A>`,
      );
    lines.push('        </DL><p>');
  }
  lines.push('    </DL><p>', '</DL><p>');
  return lines.join('\r\n');
}
