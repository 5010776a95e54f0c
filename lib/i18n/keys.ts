/**
 * Message names, from the English catalogue's files: a name that is not there does not compile.
 * One file per area so that areas are written and translated apart.
 */
import type background from '../../locales/en/background.json';
import type common from '../../locales/en/common.json';
import type community from '../../locales/en/community.json';
import type highlights from '../../locales/en/highlights.json';
import type library from '../../locales/en/library.json';
import type popup from '../../locales/en/popup.json';

type English = typeof background &
  typeof common &
  typeof community &
  typeof highlights &
  typeof library &
  typeof popup;

export type MessageKey = Extract<keyof English, string>;

/** `items` for a catalogue holding `items_one`, `items_other`: what `tn` takes. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never;
}[MessageKey];
