import type { Range } from '@/lib/search';

/** Text with the ranges a search matched in <mark>. */
export function Marked({ text, marks }: { text: string; marks: readonly Range[] }) {
  const parts = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
