/**
 * The garden: settings → sources → entries → link index → model, built once per build and shared.
 * Astro loads the settings file, the content loader and the pages through different module graphs,
 * so the one built garden is kept on `globalThis`, not in a module variable.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { relative } from 'node:path';
import { loadConfig, localesOf, sourcesOf, type GardenConfig, type Source } from '../settings/config.ts';
import { git } from '../sources/git.ts';
import { readHistory, type FileHistory, type RepoHistory } from '../sources/history.ts';
import { editUrlOf, newFileUrlOf, newIssueUrlOf, problemReportOf, webOf } from '../settings/hosts.ts';
import { repoRootOf } from '../sources/git.ts';
import { cmsEditable, cmsEntryUrl, cmsNewNoteUrl, collectionSuffixOf } from '../settings/cms.ts';
import { checkSourceDir, prepareSources, redactUrl } from '../sources/sync.ts';
import { findCollisions, readSource, type AnyEntry, type SourceFile } from '../content/entries.ts';
import { entryCache, type EntryCache } from '../content/entry-cache.ts';
import { takeReadAhead } from '../content/read-ahead.ts';
import { buildLinkIndex, type LinkIndex } from './links.ts';
import type { GardenModel, PersonNode } from './model.ts';
import { buildModel } from './build-model.ts';
import { buildTranslations, listLocales, outdatedTranslations, type Translations } from './translations.ts';
import { listRoutes, pagedRoutes } from './routes.ts';
import { addContributions } from './people.ts';
import { hintForIds, throwIfErrors, type Problem } from '../core/problems.ts';
import { timed, timedAsync } from '../core/timings.ts';
import { pageTemplate, PROPOSED_NOTE_TITLE } from '../content/templates.ts';
import { withBase } from '../core/ids.ts';
import { pageKey } from '../core/kinds.ts';

/** A built garden: every page, the link index and the model. */
export interface Garden {
  config: GardenConfig;
  entries: AnyEntry[];
  /** Pages by absolute file path, for the Markdown plugin. */
  byAbs: Map<string, AnyEntry>;
  links: LinkIndex;
  model: GardenModel;
  /** The garden's languages and every page's translations (docs/languages.md); translations are not in `entries`. */
  translations: Translations;
  /** Changes whenever a page is added, removed, renamed or retitled: rendered links depend on it. */
  linkDigest: string;
  /**
   * Changes whenever anything a page could show changes: the settings, any page's file, or what git
   * knows of any page. Each generated page has a key of its own (page-keys.ts); this one is the
   * fallback for a route those keys do not know.
   */
  buildKey: string;
  /** Problems that did not fail the build. */
  warnings: Problem[];
  /** Each source, by name, as read. */
  sources: Map<string, Source>;
  /** Where each page comes from and what git knows of it, by absolute file path. */
  provenance: Map<string, Provenance>;
  /** "Propose a note": the host's new-file editor in the first source's notes folder, prefilled; undefined without a known host. */
  proposeNoteUrl: (topic?: { id: string; title: string }) => string | undefined;
  /** The person behind a git identity (commit e-mail, or a username in a noreply address), if known. */
  whoIs: (who: { name: string; email: string }) => PersonNode | undefined;
}

/** Where a page comes from: its source, its history and where to edit it. */
export interface Provenance {
  source: Source;
  /** The file's path inside its repository (or the project), for edit links and messages. */
  repoPath: string;
  /** What git knows; undefined when the file is not under git or the clone is shallow. */
  history?: FileHistory;
  /** True when the repository is a shallow clone, so dates are unknown rather than wrong. */
  shallow: boolean;
  /** "Edit this page", when the host is known. */
  editUrl?: string;
  /** "Report a problem": the host's new-issue form naming the page, when the host is known. */
  reportUrl?: string;
}

/** The real path of a file (through symbolic links), or the path itself when it cannot be resolved. */
function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

const origins = new Map<string, string | undefined>();
/** The web address of the project's own repository (its `origin`), for a local source's edit links; one git call per repository. */
function originWeb(dir: string): string | undefined {
  if (!origins.has(dir)) {
    let web: string | undefined;
    try {
      web = webOf(git(['remote', 'get-url', 'origin'], dir).trim());
    } catch {
      web = undefined;
    }
    origins.set(dir, web);
  }
  return origins.get(dir);
}

/** "Report a problem" for one page: the issue names the page's address (full when `site` is set) and its file. */
function reportUrlOf(source: Source, e: AnyEntry, repoPath: string, config?: Pick<GardenConfig, 'base' | 'site'>): string | undefined {
  const path = withBase(config?.base ?? '/', e.route);
  const address = config?.site ? new URL(path, config.site).href : path;
  const { title, body } = problemReportOf({ title: e.title, address, file: repoPath });
  return newIssueUrlOf(source, title, body);
}

/** Reads each repository's history once and says where every page comes from. */
function provenanceOf(entries: readonly AnyEntry[], sources: Map<string, Source>, warnings: Problem[], config?: Pick<GardenConfig, 'base' | 'site' | 'cms' | 'sources'>): Map<string, Provenance> {
  const histories = new Map<string, RepoHistory | undefined>();
  const bySource = new Map<string, RepoHistory | undefined>();
  for (const source of sources.values()) {
    const h = readHistory(source.dir);
    const known = h ? histories.get(h.root) : undefined;
    const history = known ?? h;
    if (history) histories.set(history.root, history);
    bySource.set(source.name, history);
    if (history?.shallow) {
      warnings.push({
        file: source.kind === 'git' ? redactUrl(source.repo ?? source.name) : source.dir,
        message: `source "${source.name}" is a shallow git clone, so its pages show no dates or contributors`,
        hint: source.kind === 'git' ? 'delete its cache folder and sync again' : 'clone with full history (CI: fetch-depth: 0)',
        severity: 'warning',
      });
    }
  }
  const out = new Map<string, Provenance>();
  // Where each source's edit links lead, worked out once per source, not per page.
  const linkable = new Map<string, Source>();
  for (const source of sources.values()) {
    const history = bySource.get(source.name);
    linkable.set(source.name, source.kind === 'local' && !source.web && !source.editUrl && history ? { ...source, web: originWeb(history.root) } : source);
  }
  for (const e of entries) {
    const source = sources.get(e.source)!;
    const history = bySource.get(e.source);
    // The source folder is resolved once; a file inside it is only resolved when it is itself a link.
    const repoPath = history ? relative(history.root, realOr(e.abs)).split('\\').join('/') : e.path;
    const withWeb = linkable.get(e.source)!;
    out.set(e.abs, {
      source,
      repoPath,
      history: history?.files.get(repoPath),
      shallow: history?.shallow ?? false,
      // With the `cms` setting, the CMS's form of the page where it has one (not a translation: the CMS edits originals); else the host's editor.
      editUrl: (config?.cms && cmsEditable(source) && !e.lang ? cmsEntryUrl(config.base, e, collectionSuffixOf(config, source.name)) : undefined) ?? editUrlOf(withWeb, repoPath, history?.head),
      reportUrl: reportUrlOf(withWeb, e, repoPath, config),
    });
  }
  return out;
}

/**
 * One key for the whole garden: the settings, every page's file and what git knows of it. A page's
 * own cache key (page-keys.ts) holds only what that page shows; this one changes with any change, and
 * is the fallback for a route without one. Hashing 10,000 entries takes a few milliseconds.
 */
export function buildKeyOf(config: GardenConfig, entries: readonly AnyEntry[], provenance: ReadonlyMap<string, Provenance>, linkDigest: string): string {
  // The link digest adds the images and files pages may show (a page that pointed at a missing one changes when it appears).
  const hash = createHash('sha1').update(JSON.stringify(config)).update(linkDigest);
  for (const e of entries) {
    const p = provenance.get(e.abs);
    hash.update(`${e.kind}\0${e.source}\0${e.path}\0${e.digest}\0${p?.repoPath ?? ''}\0${p?.editUrl ?? ''}\0${p?.shallow ?? ''}\0${p?.history ? JSON.stringify(p.history) : ''}\n`);
  }
  return hash.digest('hex');
}

/**
 * Builds the garden from validated settings; throws one GardenError listing every problem, or, with
 * `collect` (`npm run check`), puts the errors there and goes on with the pages that could be read.
 */
export function buildGarden(config: GardenConfig, cwd = process.cwd(), options: { skip?: ReadonlySet<string>; warnings?: Problem[]; collect?: Problem[]; entries?: EntryCache } = {}): Garden {
  const settle = (headline: string, found: readonly Problem[]): Problem[] => {
    if (!options.collect) return throwIfErrors(headline, found);
    options.collect.push(...found.filter((p) => p.severity === 'error'));
    return found.filter((p) => p.severity === 'warning');
  };
  const problems: Problem[] = [...(options.warnings ?? [])];
  const read = timed('sources', () => readSources(config, cwd, options.skip, problems, options.entries));
  const { assets, sources } = read;
  // Translations are kept apart from the originals: they share their ids (model/translations.ts).
  const { originals: entries, translations, problems: translationProblems } = buildTranslations(read.entries, read.translations, config, sources);
  problems.push(...translationProblems);
  const readWarnings = settle('Grove cannot read the content', problems);
  const links = timed('model', () => buildLinkIndex(entries, config.base, assets));
  links.translations = translations.byKey;
  const model = timed('model', () => buildModel(entries));
  // A topic created by a tag has a page too (/topics/<id>/): the link index learns it from the model, before any page renders.
  const tagTopics = model.topics.filter((t) => !t.entry).map((t) => `/topics/${t.id}/`);
  // So do the later pages of every long list (/notes/page/2/, /topics/<id>/page/2/): how many there are is the model's to say.
  const laterPages = pagedRoutes(model);
  // And the lists in each language (/de/courses/, /de/notes/page/2/: docs/languages.md); none in a garden of one language.
  const localeLists = listLocales(translations).flatMap((l) => listRoutes(entries, model).map((r) => `/${l}${r}`));
  for (const r of [...tagTopics, ...laterPages, ...localeLists]) links.staticRoutes.add(r);
  model.problems.push(...contributeCourseProblems(config, model));
  const warnings = [...readWarnings, ...settle('Grove found problems in the content', model.problems)];
  const provenance = timed('history', () => provenanceOf([...entries, ...translations.entries], sources, warnings, config));
  for (const e of [...entries, ...translations.entries]) e.updated = (e.data as { updated?: string }).updated ?? provenance.get(e.abs)?.history?.updated;
  const originalByKey = new Map(entries.map((e) => [pageKey(e.kind, e.id), e]));
  warnings.push(...outdatedTranslations(translations, (key) => originalByKey.get(key)));
  const linkDigest = linkDigestOf(config, [...entries, ...translations.entries], assets, [...tagTopics, ...laterPages, ...localeLists]);
  const whoIs = whoIsOf(model);
  // What people committed to makes them experts too: one pass over every page's contributors.
  timed('model', () => addContributions(model, (n) => ('entry' in n && n.entry ? provenance.get(n.entry.abs)?.history?.contributors : undefined), whoIs));
  return {
    config,
    entries,
    whoIs,
    proposeNoteUrl: proposeNoteUrlOf(sources, config),
    byAbs: new Map([...entries, ...translations.entries].map((e) => [e.abs, e])),
    links,
    model,
    translations,
    linkDigest,
    buildKey: buildKeyOf(config, [...entries, ...translations.entries], provenance, linkDigest),
    warnings,
    sources,
    provenance,
  };
}

/** Reads every source the settings name (but those in `skip`): its pages and files; what is wrong goes into `problems`. */
function readSources(config: GardenConfig, cwd: string, skip: ReadonlySet<string> | undefined, problems: Problem[], cache?: EntryCache) {
  const entries: AnyEntry[] = [];
  const translations: AnyEntry[] = [];
  const assets: SourceFile[] = [];
  const sources = new Map<string, Source>();
  // The languages translated into: a folder named after one holds translations.
  const translatedInto = localesOf(config).filter((l) => l !== config.lang);
  for (const source of sourcesOf(config)) {
    if (skip?.has(source.name)) continue;
    const bad = checkSourceDir(source, cwd);
    if (bad) {
      problems.push({ ...bad, file: config.file });
      continue;
    }
    sources.set(source.name, source);
    const r = readSource(source, cwd, translatedInto, cache?.read);
    entries.push(...r.entries);
    translations.push(...r.translations);
    assets.push(...r.assets);
    problems.push(...r.problems);
  }
  problems.push(...findCollisions(entries));
  return { entries, translations, assets, sources };
}

/** The setting `contributeCourse` must name a course of the garden. */
function contributeCourseProblems(config: GardenConfig, model: GardenModel): Problem[] {
  const wanted = config.contributeCourse;
  if (!wanted || model.courses.some((c) => c.entry.id === wanted)) return [];
  const ids = model.courses.map((c) => c.entry.id);
  return [{ file: config.file, field: 'contributeCourse', message: `no course "${wanted}"`, hint: hintForIds(wanted, ids, 'course'), severity: 'error' }];
}

/** A digest of the set of pages links could point to: every page's place, title and aliases, every file, every tag topic's and later list page's route. */
function linkDigestOf(config: GardenConfig, entries: readonly AnyEntry[], assets: readonly SourceFile[], tagTopics: readonly string[]): string {
  const hash = createHash('sha1').update(config.base);
  for (const e of entries) hash.update(`${e.kind}\0${e.source}\0${e.path}\0${e.title}\0${e.kind === 'topic' || e.kind === 'note' ? e.data.aliases.join(',') : ''}\n`);
  // Images are links too: adding or removing one changes which image links are broken.
  for (const a of assets) hash.update(`file\0${a.source}\0${a.path}\n`);
  for (const r of tagTopics) hash.update(`route\0${r}\n`);
  return hash.digest('hex');
}

/** Who a commit's author is among the garden's people: by email, a GitHub noreply address's username, or the name as a username. */
function whoIsOf(model: GardenModel): Garden['whoIs'] {
  const identities = new Map<string, PersonNode>();
  for (const p of model.people) {
    const d = p.entry.data;
    for (const e of [...d.git.emails, ...(d.email ? [d.email] : [])]) identities.set(e.toLowerCase(), p);
    for (const u of d.git.usernames) identities.set(`@${u.toLowerCase()}`, p);
  }
  return (who: { name: string; email: string }) => {
    const email = who.email.toLowerCase();
    // GitHub-style noreply addresses carry the username: 1234+priya@users.noreply.github.com.
    const user = /^(?:\d+\+)?([^@]+)@users\.noreply\./.exec(email)?.[1];
    return identities.get(email) ?? (user ? identities.get(`@${user}`) : undefined) ?? identities.get(`@${who.name.toLowerCase()}`);
  };
}

/** "Propose a note": a link to the host's new-file page in the garden's notes folder, prefilled. Where new notes go is worked out once per build (one git call), not once per topic page. */
function proposeNoteUrlOf(sources: Map<string, Source>, config?: Pick<GardenConfig, 'base' | 'cms' | 'sources'>): Garden['proposeNoteUrl'] {
  // New notes are originals: never a source of translations.
  const notesSource = [...sources.values()].find((x) => x.layout === 'garden' && x.translates === undefined);
  // With the `cms` setting, the CMS's new-note form, its topic filled in.
  if (config?.cms && notesSource && cmsEditable(notesSource)) {
    const suffix = collectionSuffixOf(config, notesSource.name);
    return (topic) => cmsNewNoteUrl(config.base, topic?.id, suffix);
  }
  const notesRoot = notesSource && (notesSource.kind === 'git' ? notesSource.root : repoRootOf(notesSource.dir));
  const notesFolder = notesSource && notesRoot ? relative(notesRoot, `${notesSource.dir}/notes`).split('\\').join('/') : 'notes';
  const notesWeb = notesSource && notesSource.kind === 'local' && !notesSource.web && notesRoot ? { ...notesSource, web: originWeb(notesRoot) } : notesSource;
  return (topic?: { id: string; title: string }) => {
    if (!notesWeb) return undefined;
    const name = topic ? `${topic.id}-tip.md` : 'my-note.md';
    // The same template as `npm run new -- note`, so the host's editor starts from a file that passes the check.
    const template = pageTemplate('note', { title: PROPOSED_NOTE_TITLE, topic: topic?.id, topicTitle: topic?.title });
    return newFileUrlOf(notesWeb, notesFolder, name, template);
  };
}

const KEY = Symbol.for('grove.garden');
type Slot = { garden?: Garden; pending?: Promise<Garden> };
const slot = (): Slot => ((globalThis as Record<symbol, Slot>)[KEY] ??= {});

/** The garden of this process, built on first use; `fresh` rebuilds it (the dev server does, on edits). */
export function loadGarden(options: { fresh?: boolean; config?: GardenConfig; entryCache?: string } = {}): Promise<Garden> {
  const s = slot();
  if (!options.fresh && s.pending) return s.pending;
  s.pending = (async () => {
    const config = options.config ?? (await loadConfig());
    const prepared = await timedAsync('sources', () => prepareSources(config));
    throwIfErrors('Grove cannot get its sources', prepared.problems);
    // What reading each page gave last time (content/entry-cache.ts), when the build names a file for it,
    // and what a second thread has read of the others meanwhile (content/read-ahead.ts).
    const ahead = options.entryCache ? takeReadAhead() : undefined;
    const entries = options.entryCache ? entryCache(options.entryCache, undefined, ahead) : undefined;
    let g: Garden;
    try {
      g = buildGarden(config, process.cwd(), { skip: prepared.skip, warnings: prepared.problems, entries });
    } finally {
      ahead?.stop();
    }
    timed('sources', () => entries?.save());
    s.garden = g;
    return g;
  })();
  s.pending.catch(() => {
    s.pending = undefined;
  });
  return s.pending;
}

/** The garden already built in this process, if any (synchronous, for Markdown plugins). */
export function currentGarden(): Garden | undefined {
  return slot().garden;
}
