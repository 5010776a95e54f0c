import { isWebUrl } from '../wire';

/**
 * The href a view may render for a link an item carries, or undefined for no link at all. Every
 * view goes through this: the wire schemas refuse other schemes, but items stored or pulled
 * before that rule (or written by another client) may still hold `javascript:` or `data:`.
 */
export function webHref(url: string | null | undefined): string | undefined {
  return url && isWebUrl(url) ? url : undefined;
}

/** The host a view shows beside an item (text, never a link); empty without a web URL. */
export function hostOf(url: string | null | undefined): string {
  const href = webHref(url);
  return href ? new URL(href).host : '';
}
