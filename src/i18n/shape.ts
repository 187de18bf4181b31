/** The shape of a UI catalogue, defined by the English one: the same keys, a string or plural forms each. */
import type { PluralMessage } from './format.ts';
import type { en } from './catalogues/en.ts';

/** A UI string's key (`nav.paths`, `js.search.placeholder`). */
export type UiKey = keyof typeof en;
/** Keys whose English message has plural forms. */
export type PluralKey = { [K in UiKey]: (typeof en)[K] extends string ? never : K }[UiKey];
/** A catalogue: every key of the English one, each a string (or plural forms where English has them). */
export type Catalogue = { readonly [K in UiKey]: (typeof en)[K] extends string ? string : PluralMessage };
/** Keys the browser scripts use: `js.` ones, handed to them by the page as JSON. */
export type ClientKey = Extract<UiKey, `js.${string}`>;
/** What a page hands its scripts: its language and the `js.` strings. */
export interface ClientUi {
  lang: string;
  strings: { readonly [K in ClientKey]: Catalogue[K] };
}
