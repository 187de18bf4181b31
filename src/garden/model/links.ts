/**
 * The one link resolver. Relative Markdown links, site paths and wikilinks all go through
 * `resolveLink`, for the rendered page and for the garden model alike, so the two never disagree.
 * Like Quartz, every page is listed before any file is rendered (two passes), so a link can be
 * resolved against the whole site.
 */
import { slug as headingSlug } from 'github-slugger';
import { hrefOf, sectionOf, slugify, stemOf, splitOrderPrefix, type Route } from '../core/ids.ts';
import { ASSET_EXTENSIONS, isAssetPath, type AnyEntry, type SourceFile } from '../content/entries.ts';
import { nearIndex, type NearIndex } from '../core/near.ts';
import { generatedRoutes } from './routes.ts';
import { pageKey } from '../core/kinds.ts';

/** Everything the resolver needs to know about the site, built once per build. */
export interface LinkIndex {
  /** The site's base path (`/` or `/learning/`). */
  base: string;
  /** Pages by `source:path-in-source`. */
  byFile: Map<string, AnyEntry>;
  /** Pages by route (without base). */
  byRoute: Map<string, AnyEntry>;
  /** Pages by the names a wikilink may use, lower-cased: id, file name, title, alias. */
  byName: Map<string, AnyEntry[]>;
  /** The names of the sources, for `[[source:name]]`. */
  sources: Set<string>;
  /** Site paths that are not pages but exist (`/notes/`, `/search/`). */
  staticRoutes: Set<string>;
  /** Files that are not pages (images, PDFs) by `source:path-in-source`. */
  assets: Map<string, Asset>;
  /** The same files by their lower-cased file name, for `![[diagram.png]]` written without a folder. */
  assetsByName: Map<string, Asset[]>;
  /** Files kept back from the site (an untrusted source's SVG) by `source:path`, with why. */
  withheld: Map<string, NonNullable<SourceFile['withheld']>>;
  /** The translations of each page by its key, then by language (model/translations.ts): a link in a translation leads to the same language's. */
  translations?: Map<string, Map<string, AnyEntry>>;
}

/** A file of a source that is not a page (an image, a PDF), published at `/files/<source>/<path>`. */
export interface Asset {
  /** The source's name. */
  source: string;
  /** The path inside the source (`courses/git/branches.svg`). */
  path: string;
  /** The absolute path on disk. */
  abs: string;
  /** Its site path without the base (`/files/local/courses/git/branches.svg`). */
  route: Route;
}

/** The site path of a source's file: `/files/<source>/<path>`. */
export function assetRoute(source: string, path: string): Route {
  return `/files/${source}/${path}` as Route;
}

function addName(map: Map<string, AnyEntry[]>, name: string, e: AnyEntry): void {
  const key = name.normalize('NFC').toLowerCase().trim();
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [e]);
  else if (!list.includes(e)) list.push(e);
}

/** Builds the index from every page of every source, and the files beside them when given. */
export function buildLinkIndex(entries: readonly AnyEntry[], base: string, files: ReadonlyArray<Omit<Asset, 'route'> & Pick<SourceFile, 'withheld'>> = []): LinkIndex {
  const byFile = new Map<string, AnyEntry>();
  const byRoute = new Map<string, AnyEntry>();
  const byName = new Map<string, AnyEntry[]>();
  for (const e of entries) {
    byFile.set(`${e.source}:${e.path.normalize('NFC')}`, e);
    byRoute.set(e.route, e);
    addName(byName, `${sectionOf(e.kind)}/${e.id}`, e);
    addName(byName, e.id, e);
    const stem = stemOf(e.path);
    addName(byName, stem, e);
    if (e.kind === 'lesson') addName(byName, splitOrderPrefix(stem)[1], e);
    addName(byName, e.title, e);
    if (e.kind === 'topic' || e.kind === 'note') for (const a of e.data.aliases) addName(byName, a, e);
  }
  const assets = new Map<string, Asset>();
  const assetsByName = new Map<string, Asset[]>();
  const withheld = new Map<string, NonNullable<SourceFile['withheld']>>();
  for (const f of files) {
    const path = f.path.normalize('NFC');
    if (f.withheld) {
      withheld.set(`${f.source}:${path}`, f.withheld);
      continue;
    }
    const a: Asset = { source: f.source, path, abs: f.abs, route: assetRoute(f.source, path) };
    assets.set(`${f.source}:${path}`, a);
    const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    const list = assetsByName.get(name);
    if (list) list.push(a);
    else assetsByName.set(name, [a]);
  }
  return { base, byFile, byRoute, byName, sources: new Set(entries.map((e) => e.source)), staticRoutes: new Set<string>(generatedRoutes(entries)), assets, assetsByName, withheld };
}

/**
 * The "did you mean" indexes of a link index, each built the first time a broken link asks for it and
 * kept for the next, so a page with a broken link does not compare it against every name of the site.
 */
const nearIndexes = new WeakMap<LinkIndex, Map<string, NearIndex>>();
function suggestions(index: LinkIndex, key: string, names: () => Iterable<string>): NearIndex {
  let mine = nearIndexes.get(index);
  if (!mine) nearIndexes.set(index, (mine = new Map()));
  let found = mine.get(key);
  if (!found) mine.set(key, (found = nearIndex(names())));
  return found;
}

/** Where a link points, or why it points nowhere. */
export type Resolution =
  | { type: 'external' }
  | { type: 'same-page'; anchor: string }
  | { type: 'page'; entry: AnyEntry; anchor?: string; href: string }
  | { type: 'route'; href: string }
  | { type: 'broken'; message: string; hint?: string };

/** The page a link is written in. */
export interface LinkSource {
  source: string;
  path: string;
  /** A translation's language: its links lead to the pages' translations into it where there are some, else to the originals. */
  lang?: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;
const DENDRON_URL = /^dendron:\/\/[^/]*\//i;
/** A block id as Obsidian writes it after a paragraph or list item (`^summary-1`). */
export const BLOCK_ID = /^\^[A-Za-z0-9-]+$/;

/**
 * The id a wikilink's `#anchor` points at: a heading's id (github-slugger over its text, as the
 * page's headings get theirs), or a block id `^id` as written; of a path of headings, the last.
 */
export function anchorOf(written: string): string {
  // `[[page#Heading#Sub-heading]]` (Obsidian) names the sub-heading: the last one is the id.
  const a = safeDecode(written).trim().split('#').at(-1)!.trim();
  return BLOCK_ID.test(a) ? a : headingSlug(a);
}

function splitHash(s: string): [string, string | undefined] {
  const i = s.indexOf('#');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Joins a relative path to the folder of `from`, POSIX style; undefined when it climbs out of the source. */
export function joinRelative(fromPath: string, rel: string): string | undefined {
  const parts = fromPath.split('/').slice(0, -1);
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** A link to a page: to its translation into `lang` when there is one (a link written in a translation), else to the page. */
function pageHref(index: LinkIndex, entry: AnyEntry, anchor?: string, lang?: string): Resolution {
  const shown = (lang && index.translations?.get(pageKey(entry.kind, entry.id))?.get(lang)) || entry;
  return { type: 'page', entry, anchor: anchor || undefined, href: hrefOf(index.base, shown.route as Route, anchor) };
}

/**
 * The place of a translation's original (`de/notes/x.md` → `notes/x.md`): a relative link that leads
 * nowhere from the translation is read from there, so a link copied from the original leads where it
 * did (and then to the translation, when there is one).
 */
function linkedFrom(from: LinkSource): LinkSource {
  return from.lang && from.path.startsWith(`${from.lang}/`) ? { ...from, path: from.path.slice(from.lang.length + 1) } : from;
}

/**
 * Resolves a wikilink target (`id`, `file name`, `Title`, `alias`, each with an optional `#heading`)
 * written in page `from`. A name is looked up in the page's own source first, then in the whole
 * garden, so adding a source never makes another source's links ambiguous; `[[source:name]]` names
 * the source outright.
 */
export function resolveWikilink(index: LinkIndex, target: string, from?: Pick<LinkSource, 'source' | 'lang'>): Resolution {
  // Dendron names a note of another vault `dendron://vault/note`: the vault is the source's folder, the note a name.
  const [written, anchor] = splitHash(target.trim().replace(DENDRON_URL, ''));
  // `[[#Heading]]` (Obsidian) is a heading of the page it is written in; `[[#^id]]` a block of it.
  if (written.trim() === '' && anchor !== undefined) return { type: 'same-page', anchor: anchorOf(anchor) };
  const colon = written.indexOf(':');
  const named = colon > 0 && index.sources.has(written.slice(0, colon)) ? written.slice(0, colon) : undefined;
  const name = named === undefined ? written : written.slice(colon + 1);
  const key = name.normalize('NFC').toLowerCase().trim();
  const all = index.byName.get(key) ?? index.byName.get(slugify(name)) ?? [];
  const inSource = (source: string) => all.filter((e) => e.source === source);
  const found = named !== undefined ? inSource(named) : from && inSource(from.source).length > 0 ? inSource(from.source) : all;
  if (found.length === 0) {
    const near = suggestions(index, 'names', () => index.byName.keys()).closest(key, 6);
    const pages = [...new Set(near.map((n) => index.byName.get(n)![0]!))].slice(0, 3);
    return {
      type: 'broken',
      message: named !== undefined && all.length > 0 ? `no page of the source "${named}" is called "${name}"` : `no page is called "${name}"`,
      hint: pages.length ? `did you mean ${pages.map((e) => `[[${e.id}]]`).join(', ')}?` : 'link by id, file name, title or topic alias',
    };
  }
  if (found.length > 1) {
    // Only different pages are ambiguous. Pages of other sources are told apart by their source.
    const sources = new Set(found.map((e) => e.source));
    const options = found.map((e) => (sources.size > 1 ? `[[${e.source}:${sectionOf(e.kind)}/${e.id}]]` : `[[${sectionOf(e.kind)}/${e.id}]]`)).sort();
    return { type: 'broken', message: `"${name}" matches ${found.length} pages`, hint: `write one of ${options.join(', ')}` };
  }
  // `[[page#Merge & rebase]]` names a heading; the page's heading ids come from github-slugger.
  return pageHref(index, found[0]!, anchor ? anchorOf(anchor) : undefined, from?.lang);
}

/**
 * Resolves a Markdown link or image target written in page `from`. External URLs are left alone;
 * a relative path is a file in the same source; a site path (`/notes/x/`) is a route.
 */
export function resolveLink(index: LinkIndex, from: LinkSource, url: string): Resolution {
  const r = resolveLinkFrom(index, from, url);
  // A translation's link copied from its original (`../notes/x.md` in `de/courses/c/l.md`) is read from the original's place.
  const original = linkedFrom(from);
  if (r.type !== 'broken' || original === from) return r;
  const again = resolveLinkFrom(index, original, url);
  return again.type === 'broken' ? r : again;
}

function resolveLinkFrom(index: LinkIndex, from: LinkSource, url: string): Resolution {
  const href = url.trim();
  if (href === '' || SCHEME.test(href)) return externalUrl(href);
  if (href.startsWith('#')) return { type: 'same-page', anchor: href.slice(1) };
  const [pathPart, rawAnchor] = splitHash(href);
  const anchor = rawAnchor === undefined ? undefined : safeDecode(rawAnchor);
  const [pathOnly, query] = [pathPart.split('?')[0]!, pathPart.includes('?') ? pathPart.slice(pathPart.indexOf('?')) : ''];
  const path = safeDecode(pathOnly).normalize('NFC');
  if (path.startsWith('/')) {
    let route = path;
    if (index.base !== '/' && route.startsWith(index.base)) route = route.slice(index.base.length - 1);
    const withSlash = /\.[a-z0-9]+$/i.test(route) || route.endsWith('/') ? route : `${route}/`;
    const entry = index.byRoute.get(withSlash);
    if (entry) return pageHref(index, entry, anchor, from.lang);
    if (index.staticRoutes.has(withSlash)) {
      const h = hrefOf(index.base, withSlash as Route, anchor);
      const at = h.indexOf('#');
      return { type: 'route', href: query ? (at < 0 ? h + query : h.slice(0, at) + query + h.slice(at)) : h };
    }
    if (isPublishedFile(index, route)) return { type: 'route', href: hrefOf(index.base, route as Route, anchor) };
    // `/assets/x.png` as a publishing tool writes it (Dendron, Jekyll): a file of the page's own source, from its root.
    const own = fromSourceRoot(index, from, path, anchor);
    if (own) return own;
    // Compare within the section (`/notes/`), so the shared prefix does not make every page look close.
    const section = withSlash.slice(0, withSlash.indexOf('/', 1) + 1);
    const inSection = suggestions(index, `routes:${section}`, () => [...index.byRoute.keys()].filter((r) => r.startsWith(section)).map((r) => r.slice(section.length)));
    const near = inSection.size ? inSection.closest(withSlash.slice(section.length), 3).map((r) => section + r) : suggestions(index, 'routes', () => index.byRoute.keys()).closest(withSlash, 3);
    return {
      type: 'broken',
      message: `no page at ${path}`,
      hint: near.length ? `did you mean ${near.join(', ')}?` : 'link to the file instead, e.g. ../notes/x.md',
    };
  }
  const joined = joinRelative(from.path, path);
  if (joined === undefined) {
    return { type: 'broken', message: 'it points outside the source', hint: 'link to a file inside the content folder' };
  }
  // `[the manual](docs/manual.pdf)`: a file Grove publishes beside the pages.
  const asset = isAssetPath(joined) ? index.assets.get(`${from.source}:${joined}`) : undefined;
  if (asset) return { type: 'route', href: hrefOf(index.base, asset.route, anchor) };
  const candidates = /\.mdx?$/i.test(joined) ? [joined] : [`${joined}.md`, `${joined}.mdx`, `${joined}/index.md`, `${joined}/index.mdx`].map((c) => c.replace(/^\//, ''));
  for (const c of candidates) {
    const entry = index.byFile.get(`${from.source}:${c}`);
    if (entry) return pageHref(index, entry, anchor, from.lang);
  }
  const kept = withheldFile(index, from, joined, path);
  if (kept) return kept;
  const files = suggestions(index, `files:${from.source}`, () => [...index.byFile.keys()].filter((k) => k.startsWith(`${from.source}:`)).map((k) => k.slice(from.source.length + 1)));
  // Suggested as they would be written in this page: relative to it, with the anchor it gave.
  const near = files.closest(joined, 3).map((f) => relativePath(from.path, f) + (rawAnchor === undefined ? '' : `#${rawAnchor}`));
  return {
    type: 'broken',
    message: `no such file (looked for ${joined})`,
    hint: near.length ? `did you mean ${near.join(', ')}?` : 'check the path, relative to this file',
  };
}

/** A link to a file the site keeps back (by its path, or by its bare name in the page's source): why, and what to do. */
function withheldFile(index: LinkIndex, from: LinkSource, joined: string, written: string): Resolution | undefined {
  if (index.withheld.size === 0) return undefined;
  let kept = index.withheld.get(`${from.source}:${joined}`);
  if (!kept && !written.includes('/')) {
    const name = `/${written.toLowerCase()}`;
    for (const [key, why] of index.withheld) if (key.startsWith(`${from.source}:`) && `/${key.slice(from.source.length + 1)}`.toLowerCase().endsWith(name)) kept = why;
  }
  return kept && { type: 'broken', message: `"${written}" is not published: ${kept.message}`, hint: kept.hint };
}

/** A URL of another site as written: left alone, unless no browser could follow it (`http://localhost:port`). */
function externalUrl(href: string): Resolution {
  if (href === '' || href.startsWith('//') || URL.canParse(href)) return { type: 'external' };
  return { type: 'broken', message: 'it is not a valid URL', hint: 'write the whole address (https://host/path), or put it in `code` if it is an example' };
}

/** Whether a site path names a file Grove publishes (`/files/<source>/<path>`). */
function isPublishedFile(index: LinkIndex, route: string): boolean {
  const m = /^\/files\/([^/]+)\/(.+)$/.exec(route);
  return m !== null && index.assets.has(`${m[1]}:${m[2]}`);
}

/** A site-absolute path (`/assets/x.png`) read as a file of `from`'s source, from the source's root (its `dir`). */
function fromSourceRoot(index: LinkIndex, from: LinkSource, path: string, anchor: string | undefined): Resolution | undefined {
  const rel = path.replace(/^\/+/, '');
  if (rel === '' || rel.split('/').some((p) => p === '..' || p === '.')) return undefined;
  const asset = isAssetPath(rel) ? index.assets.get(`${from.source}:${rel}`) : undefined;
  if (asset) return { type: 'route', href: hrefOf(index.base, asset.route, anchor) };
  const candidates = /\.mdx?$/i.test(rel) ? [rel] : [`${rel}.md`, `${rel}.mdx`, `${rel.replace(/\/$/, '')}/index.md`, `${rel.replace(/\/$/, '')}/index.mdx`];
  for (const c of candidates) {
    const entry = index.byFile.get(`${from.source}:${c}`);
    if (entry) return pageHref(index, entry, anchor, from.lang);
  }
  return undefined;
}

/**
 * Resolves an image or file written in page `from` (`![alt](branches.svg)`, `![[branches.svg]]`):
 * a path relative to the page, else (for a bare file name, as note-taking tools write it) the one
 * file of that name in the page's source, then in any source. External URLs and site paths are left alone.
 */
export function resolveAsset(index: LinkIndex, from: LinkSource, url: string): Resolution {
  const r = resolveAssetFrom(index, from, url);
  // A translation shows its own image beside it (`de/courses/git/branches.svg`) if it has one, else its original's.
  const original = linkedFrom(from);
  return r.type === 'broken' && original !== from ? resolveAssetFrom(index, original, url) : r;
}

function resolveAssetFrom(index: LinkIndex, from: LinkSource, url: string): Resolution {
  const href = url.trim();
  if (href === '' || href.startsWith('#')) return { type: 'external' };
  if (SCHEME.test(href)) return externalUrl(href);
  if (href.startsWith('/')) {
    // A site path: a file the site has, else one of the page's own source written from its root.
    const path = safeDecode(splitHash(href)[0].split('?')[0]!).normalize('NFC');
    const route = index.base !== '/' && path.startsWith(index.base) ? path.slice(index.base.length - 1) : path;
    if (index.staticRoutes.has(route) || index.byRoute.has(route) || isPublishedFile(index, route)) return { type: 'external' };
    return fromSourceRoot(index, from, path, undefined) ?? { type: 'broken', message: `no file at ${path} in the site or in source "${from.source}"`, hint: 'write the path relative to this page' };
  }
  const path = safeDecode(splitHash(href)[0].split('?')[0]!).normalize('NFC');
  const joined = joinRelative(from.path, path);
  const exact = joined === undefined ? undefined : index.assets.get(`${from.source}:${joined}`);
  if (exact) return { type: 'route', href: hrefOf(index.base, exact.route) };
  if (!path.includes('/')) {
    const named = index.assetsByName.get(path.toLowerCase()) ?? [];
    const own = named.filter((a) => a.source === from.source);
    const found = own.length ? own : named;
    if (found.length === 1) return { type: 'route', href: hrefOf(index.base, found[0]!.route) };
    if (found.length > 1) {
      return {
        type: 'broken',
        message: `"${path}" matches ${found.length} files`,
        hint: `write its path relative to this page: ${found
          .map((a) => relativePath(from.path, a.path))
          .sort()
          .join(', ')}`,
      };
    }
  }
  if (joined === undefined) return { type: 'broken', message: 'it points outside the source', hint: 'link to a file inside the content folder' };
  const kept = withheldFile(index, from, joined, path);
  if (kept) return kept;
  // Offer files whose names are close, written as this page would link to them.
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const near = suggestions(index, 'assets', () => index.assetsByName.keys())
    .closest(name, 3)
    .flatMap((n) => index.assetsByName.get(n)!)
    .filter((a) => a.source === from.source)
    .map((a) => relativePath(from.path, a.path))
    .slice(0, 3);
  return {
    type: 'broken',
    message: `no such file (looked for ${joined})`,
    hint: near.length ? `did you mean ${near.join(', ')}?` : `put the file beside the page; files Grove publishes: ${ASSET_EXTENSIONS.map((x) => `.${x}`).join(' ')}`,
  };
}

/** The path from page `fromPath` to `to`, both relative to the source (`../notes/x.md`). */
export function relativePath(fromPath: string, to: string): string {
  const a = fromPath.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || '.';
}

/**
 * Resolves an embed, `![[target]]`: a file with a published extension (`![[branches.svg]]`) is an
 * asset; anything else is a page, found as a wikilink is (`![[rebase-safely#the-rule]]`).
 */
export function resolveEmbed(index: LinkIndex, from: LinkSource, target: string): Resolution {
  const name = splitHash(target.trim())[0];
  return isAssetPath(name) ? resolveAsset(index, from, name) : resolveWikilink(index, target, from);
}

/**
 * Dendron's hierarchy: a note `a.b.c.md` is a child of `a.b.md`, itself a child of `a.md`, in the same
 * folder of the same source. A level with no file is skipped (`a.b.c` is then `a`'s child), so a
 * vault with gaps still reads as a tree.
 */
export interface Hierarchy {
  /** The notes above, outermost first. */
  parents: AnyEntry[];
  /** The notes right below, by name. */
  children: AnyEntry[];
}

const hierarchies = new WeakMap<LinkIndex, Map<string, AnyEntry>>();
/** Notes by `source:folder/stem`, lower-cased, built once per index. */
function byStem(index: LinkIndex): Map<string, AnyEntry> {
  let m = hierarchies.get(index);
  if (!m) {
    m = new Map();
    for (const e of index.byFile.values()) if (e.kind === 'note') m.set(stemKey(e.source, e.path), e);
    hierarchies.set(index, m);
  }
  return m;
}
function stemKey(source: string, path: string): string {
  return `${source}:${path.replace(/\.mdx?$/i, '')}`.normalize('NFC').toLowerCase();
}
/** The nearest note above `key` (`src:dir/a.b.c` → `src:dir/a.b`, else `src:dir/a`). */
function parentOf(notes: Map<string, AnyEntry>, key: string): AnyEntry | undefined {
  const slash = key.lastIndexOf('/') + 1;
  let stem = key.slice(slash);
  for (let dot = stem.lastIndexOf('.'); dot > 0; dot = stem.lastIndexOf('.')) {
    stem = stem.slice(0, dot);
    const found = notes.get(key.slice(0, slash) + stem);
    if (found) return found;
  }
  return undefined;
}

const childLists = new WeakMap<LinkIndex, Map<AnyEntry, AnyEntry[]>>();
/** The parents and children of a note in a dot hierarchy (Dendron's `a.b.c.md`). */
export function hierarchyOf(index: LinkIndex, entry: AnyEntry): Hierarchy {
  const notes = byStem(index);
  let children = childLists.get(index);
  if (!children) {
    children = new Map();
    for (const [key, e] of notes) {
      const p = parentOf(notes, key);
      if (!p) continue;
      const list = children.get(p);
      if (list) list.push(e);
      else children.set(p, [e]);
    }
    for (const list of children.values()) list.sort((a, b) => a.path.localeCompare(b.path));
    childLists.set(index, children);
  }
  const parents: AnyEntry[] = [];
  for (let p = parentOf(notes, stemKey(entry.source, entry.path)); p; p = parentOf(notes, stemKey(p.source, p.path))) parents.unshift(p);
  return { parents, children: children.get(entry) ?? [] };
}
