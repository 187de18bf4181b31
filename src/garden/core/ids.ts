/**
 * Ids, routes and file paths are different things with different rules; branded types keep them
 * apart (Quartz's `util/path.ts` does the same for slugs and file paths).
 */
import { KIND_TABLE, type Kind } from './kinds.ts';

/**
 * Orders titles for lists: case- and accent-insensitive, English rules. One collator for the whole
 * build, because `localeCompare` with options builds a new one per call (10× slower over 10,000 titles).
 */
export const compareTitles: (a: string, b: string) => number = new Intl.Collator('en', { sensitivity: 'base' }).compare;

/** A page's id within its kind: lower-case letters (any script), digits and `-`; lessons add `course/`. */
export type PageId = string & { readonly __brand: 'PageId' };
/** A site path without the base, always starting and ending with `/` (`/notes/x/`). */
export type Route = string & { readonly __brand: 'Route' };
/** A POSIX path relative to a source's root folder (`notes/Git Cheat Sheet.md`). */
export type SourcePath = string & { readonly __brand: 'SourcePath' };

/**
 * Turns a file or folder name into a stable, readable, URL-safe id segment: Unicode letters and
 * digits are kept (NFC, lower-cased), every other run of characters becomes one `-`.
 * `Überblick Deployments` → `überblick-deployments`; `50% [draft] {v2}..x` → `50-draft-v2-x`.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug;
}

/** How a symbol is spelled in an id when a name is made of symbols (`!.md` → `exclamation-mark`). */
const SYMBOL_NAMES: Record<string, string> = {
  '!': 'exclamation mark',
  '"': 'quote',
  '#': 'hash',
  $: 'dollar',
  '%': 'percent',
  '&': 'and',
  "'": 'apostrophe',
  '(': 'left parenthesis',
  ')': 'right parenthesis',
  '*': 'asterisk',
  '+': 'plus',
  ',': 'comma',
  '-': 'hyphen',
  '.': 'dot',
  '/': 'slash',
  ':': 'colon',
  ';': 'semicolon',
  '<': 'less than',
  '=': 'equals',
  '>': 'greater than',
  '?': 'question mark',
  '@': 'at',
  '[': 'left bracket',
  '\\': 'backslash',
  ']': 'right bracket',
  '^': 'caret',
  _: 'underscore',
  '`': 'backtick',
  '{': 'left brace',
  '|': 'pipe',
  '}': 'right brace',
  '~': 'tilde',
};

/**
 * A slug that keeps the symbols `slugify` drops, spelled out: `clang++` → `clang-plus-plus`,
 * `!` → `exclamation-mark`, `a._ref` → `a-dot-underscore-ref`. Spaces and hyphens stay separators
 * unless the name is nothing else. Other symbols are spelled by code point (`u2192`).
 */
export function spelledSlug(name: string): string {
  const onlySeparators = /^[\s-]*$/u.test(name);
  const spelled = [...name.normalize('NFC')]
    .map((c) => {
      if (/[\p{L}\p{M}\p{N}]/u.test(c) || (!onlySeparators && /[\s-]/u.test(c))) return c;
      if (/\s/u.test(c)) return ' ';
      return ` ${SYMBOL_NAMES[c] ?? `u${c.codePointAt(0)!.toString(16)}`} `;
    })
    .join('');
  return slugify(spelled);
}

/** A slug for a name: `slugify`, or, for a name of symbols only, the symbols spelled out. */
export function slugOrSpelled(name: string): string {
  return slugify(name) || spelledSlug(name);
}

/** True when `s` is a valid id segment, as `slugify` makes them. */
export function isIdSegment(s: string): boolean {
  return s.length > 0 && slugify(s) === s;
}

/** The file name without its folder and Markdown extension. */
export function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.(md|mdx)$/i, '');
}

/** Splits a numeric order prefix off a lesson file stem: `02-branches` → [2, 'branches']. */
export function splitOrderPrefix(stem: string): [number | undefined, string] {
  const m = /^(\d+)[-_. ]+(.+)$/.exec(stem);
  return m ? [Number(m[1]), m[2]!] : [undefined, stem];
}

/** The id a page of `kind` gets from its path in the source (before any source prefix). */
export function idFromPath(kind: Kind, path: SourcePath): PageId {
  const parts = path.split('/');
  if (kind === 'course') return slugify(parts[1]!) as PageId;
  if (kind === 'lesson') {
    const [, name] = splitOrderPrefix(stemOf(path));
    return `${slugify(parts[1]!)}/${slugify(name)}` as PageId;
  }
  return slugify(stemOf(path)) as PageId;
}

/**
 * A note's id in a `notes` layout: its whole path, each folder and the file name slugged
 * (`ops/deploys/Roll back.md` → `ops-deploys-roll-back`); a name of symbols only is spelled out, since
 * an imported repository chose its names for itself (`!.md` → `exclamation-mark`).
 */
export function noteIdFromPath(path: SourcePath): PageId {
  return path
    .replace(/\.mdx?$/i, '')
    .split('/')
    .map(slugOrSpelled)
    .join('-') as PageId;
}

/** The folder (and first route segment) of each kind. */
export function sectionOf(kind: Kind): string {
  return KIND_TABLE[kind].section;
}

/** The route of a page: `/notes/<id>/`, `/courses/<course>/<lesson>/`, … */
export function routeOf(kind: Kind, id: PageId): Route {
  return `/${KIND_TABLE[kind].section}/${id}/` as Route;
}

/** Prefixes a route with the site's base path (`/learning/`), keeping exactly one slash between. */
export function withBase(base: string, route: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + route.replace(/^\//, '');
}

/** Encodes a route for an `href`, segment by segment, keeping the slashes. */
export function hrefOf(base: string, route: Route, hash = ''): string {
  const encoded = route
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return withBase(base, encoded) + (hash ? `#${encodeURIComponent(hash).replace(/%2D/g, '-')}` : '');
}

/** The printable completion summary of a path: `/paths/<id>/summary/`. */
export function pathSummaryRoute(id: PageId): Route {
  return `${routeOf('path', id)}summary/` as Route;
}
