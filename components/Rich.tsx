import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';

export type RichParts = Record<string, (text: string) => ComponentChildren>;

const TAG = /<([a-z][a-zA-Z0-9]*)>(.*?)<\/\1>/g;

/**
 * A translated sentence with elements inside it ("… or <join>join your community</join> with the
 * link"): each tag's text goes to the part of that name, so a language can move the link
 * anywhere in its sentence. Everything else is text, never markup.
 */
export function Rich({ text, parts }: { text: string; parts: RichParts }) {
  const out: ComponentChildren[] = [];
  let at = 0;
  for (const match of text.matchAll(TAG)) {
    const [whole, name, inner] = match;
    if (match.index > at) out.push(text.slice(at, match.index));
    const part = parts[name!];
    out.push(part ? part(inner!) : inner);
    at = match.index + whole.length;
  }
  if (at < text.length) out.push(text.slice(at));
  return (
    <Fragment>
      {out.map((piece, i) => (
        <Fragment key={i}>{piece}</Fragment>
      ))}
    </Fragment>
  );
}
