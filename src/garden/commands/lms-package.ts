/**
 * `npm run export -- scorm <course-or-path>`: a course's lessons as an LMS package. The pages are the
 * site's own, built by Astro: this module takes each lesson's HTML from a built site, keeps the lesson
 * (its text, images, embeds, knowledge check, progress control, styles and the progress script), drops
 * the site around it (header, breadcrumbs, pager, community notes, edit links, search and offline
 * scripts), makes every URL relative, and lists what is left in the package's manifest. Rendering the
 * pages again here would be a second renderer to keep in step with the first; reading the built site
 * costs milliseconds where a build costs seconds to minutes.
 */
import { posix } from 'node:path';
import { fromParse5 } from 'hast-util-from-parse5';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { parse } from 'parse5';
import { GardenError, hintForIds } from '../core/problems.ts';
import type { GardenModel, LessonNode } from '../model/model.ts';

/** The SCORM editions Grove writes: 1.2 and 2004 4th edition. */
export const SCORM_VERSIONS = ['1.2', '2004'] as const;
/** A SCORM edition. */
export type ScormVersion = (typeof SCORM_VERSIONS)[number];

/** What is packaged: a course, or a path's courses one after another. */
export interface PackageTarget {
  kind: 'course' | 'path';
  id: string;
  title: string;
  summary?: string;
  /** In the order a learner takes them. */
  lessons: LessonNode[];
}

/** The course or path with this id, or an error naming the closest ids. */
export function packageTarget(model: GardenModel, id: string): PackageTarget {
  const course = model.courses.find((c) => c.entry.id === id);
  if (course) return { kind: 'course', id, title: course.entry.title, summary: course.entry.data.summary, lessons: course.lessons };
  const path = model.paths.find((p) => p.entry.id === id);
  if (path) return { kind: 'path', id, title: path.entry.title, summary: path.entry.data.summary, lessons: path.courses.flatMap((c) => c.lessons) };
  const ids = [...model.courses.map((c) => c.entry.id), ...model.paths.map((p) => p.entry.id)];
  throw new GardenError('Nothing to export:', [
    { file: 'npm run export', field: 'course', message: `no course or path has the id "${id}"`, hint: hintForIds(id, ids, 'course or path'), severity: 'error' },
  ]);
}

/** Reads a file of the built site by its path inside it (`_astro/x.css`), or undefined when it is missing. */
export type SiteReader = (path: string) => Uint8Array | undefined;

/** One lesson page of the package. */
export interface PackagedLesson {
  lesson: LessonNode;
  /** Its page inside the package (`courses/git-foundations/branches/index.html`). */
  href: string;
  /** Every file the page needs besides itself, inside the package. */
  files: string[];
}

/** A package's files (by path inside it) and its lessons in order. */
export interface LmsPackage {
  files: Map<string, Uint8Array>;
  lessons: PackagedLesson[];
  /** What was left out, and why (an image from another host, a script's missing import). */
  warnings: string[];
}

/** The name of the runtime script inside the package. */
export const RUNTIME_FILE = 'grove-lms.js';
/** The name of @xapi/cmi5's browser build inside a cmi5 package. */
export const CMI5_LIBRARY_FILE = 'cmi5.umd.js';

/** A script the package adds first to every lesson's head, in order, as a file at the package's root. */
export interface PackageScript {
  file: string;
  body: string;
  /** Its `data-` attributes (`{ scorm: '1.2' }` → `data-scorm="1.2"`). */
  data?: Record<string, string>;
}

const LOADING_ATTRIBUTES: Record<string, string> = { img: 'src', script: 'src', link: 'href', source: 'src', video: 'src', audio: 'src', track: 'src', iframe: 'src', embed: 'src', object: 'data' };
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

const classesOf = (el: Element): string[] => {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : String(c ?? '').split(/\s+/);
};

/** Site chrome a lesson inside an LMS does without: the LMS has its own navigation, and these lead out of the package. */
function isChrome(el: Element): boolean {
  const cls = classesOf(el);
  if (el.tagName === 'header' && cls.includes('site-header')) return true;
  if (el.tagName === 'nav' && (cls.includes('breadcrumbs') || cls.includes('pager'))) return true;
  if (el.tagName === 'footer') return true;
  // The language switcher and its notices (docs/languages.md): the package holds one language.
  if (el.tagName === 'div' && el.properties.dataLanguages !== undefined) return true;
  if (el.tagName === 'section' && (String(el.properties.ariaLabelledBy) === 'community' || cls.includes('backlinks'))) return true;
  // The site's feeds and neighbouring pages: links to the site, not files the lesson needs.
  if (el.tagName === 'link' && /\b(alternate|prev|next)\b/.test(String(el.properties.rel))) return true;
  if (el.tagName === 'script') {
    const src = String(el.properties.src ?? '');
    // The progress script is the one the lesson needs; search, offline and the layout's own inline scripts
    // (file:// links, remembered path) serve the site.
    if (src) return !/\/ProgressScript\./.test(src);
    return el.properties.dataBase !== undefined || el.properties.dataKey !== undefined;
  }
  return false;
}

/** Turns `/learning/_astro/x.css#a` into the site path `_astro/x.css` and its fragment, or undefined outside the base. */
function sitePathOf(url: string, base: string): { path: string; hash: string } | undefined {
  if (!url.startsWith(base)) return undefined;
  const [rest = '', hash = ''] = url.slice(base.length).split('#', 2);
  const path = rest.split('?')[0] ?? '';
  try {
    return { path: decodeURI(path), hash: hash ? `#${hash}` : '' };
  } catch {
    return { path, hash: hash ? `#${hash}` : '' };
  }
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

/** Files a script or stylesheet pulls in by relative URL: ES module imports and CSS `url()`/`@import`. */
export function referencesIn(path: string, text: string): string[] {
  const found: string[] = [];
  const dir = posix.dirname(path);
  if (path.endsWith('.js')) {
    for (const m of text.matchAll(/(?:\bimport\s*\(?\s*|\bfrom\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)) found.push(posix.join(dir, m[1]!));
  } else if (path.endsWith('.css')) {
    for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/g)) {
      const u = (m[1] ?? m[2])!;
      if (!EXTERNAL.test(u) && !u.startsWith('/') && !u.startsWith('#')) found.push(posix.join(dir, u.split(/[?#]/)[0]!));
    }
  }
  return found;
}

const utf8 = new TextEncoder();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * The lessons of `target` as package files: each page reduced to the lesson, its URLs relative, the
 * package's `scripts` first in its head. `connect` replaces the pages' `connect-src` (cmi5 sends
 * statements to an LRS that only the launch names).
 */
export function collectLessons(target: PackageTarget, base: string, read: SiteReader, scripts: readonly PackageScript[], connect?: string): LmsPackage {
  const files = new Map<string, Uint8Array>();
  const warnings: string[] = [];
  const missing: Array<{ file: string; message: string }> = [];
  const b = base.endsWith('/') ? base : `${base}/`;
  const lessons: PackagedLesson[] = [];

  // A stylesheet or script is added with everything it imports, transitively.
  const addAsset = (path: string): boolean => {
    if (files.has(path)) return true;
    const bytes = read(path);
    if (!bytes) return false;
    files.set(path, bytes);
    if (/\.(js|css)$/.test(path)) {
      let body = text(bytes);
      for (const ref of referencesIn(path, body)) if (!addAsset(ref)) warnings.push(`${path} imports ${ref}, which is not in the built site`);
      // A stylesheet's URLs under the base become relative to it.
      if (path.endsWith('.css') && body.includes(`url(${b}`)) {
        body = body.replaceAll(/url\(\s*(["']?)(\/[^"')]+)\1\s*\)/g, (all, q: string, u: string) => {
          const at = sitePathOf(u, b);
          if (!at || !addAsset(at.path)) return all;
          return `url(${q}${encodePath(posix.relative(posix.dirname(path), at.path))}${at.hash}${q})`;
        });
        files.set(path, utf8.encode(body));
      }
    }
    return true;
  };

  for (const lesson of target.lessons) {
    const route = lesson.entry.route.replace(/^\/|\/$/g, '');
    const href = `${route}/index.html`;
    const bytes = read(href);
    if (!bytes) {
      missing.push({ file: href, message: 'is not in the built site' });
      continue;
    }
    const dir = posix.dirname(href);
    const needs = new Set<string>();
    const tree = fromParse5(parse(text(bytes))) as Root;
    const relativeTo = (sitePath: string) => encodePath(posix.relative(dir, sitePath)) || '.';

    const visit = (parent: Root | Element) => {
      const kept: Array<RootContent | ElementContent> = [];
      for (const node of parent.children) {
        if (node.type !== 'element') {
          kept.push(node);
          continue;
        }
        if (isChrome(node)) continue;
        const attr = node.tagName === 'a' ? 'href' : LOADING_ATTRIBUTES[node.tagName];
        const value = attr ? node.properties[attr] : undefined;
        if (attr && typeof value === 'string' && value) {
          const at = sitePathOf(value, b);
          if (node.tagName === 'a') {
            if (value.startsWith('#') || EXTERNAL.test(value)) {
              if (EXTERNAL.test(value)) Object.assign(node.properties, { target: '_blank', rel: 'noopener' });
            } else if (at && at.path === `${route}/`) {
              node.properties.href = at.hash || '#';
            } else if (at && at.path && !at.path.endsWith('/') && addAsset(at.path)) {
              // A file the lesson links to (a PDF, a download) travels with it.
              needs.add(at.path);
              node.properties.href = relativeTo(at.path) + at.hash;
            } else {
              // Another page of the site: the LMS, not the lesson, moves between pages, so the link becomes its text.
              visit(node);
              kept.push({ type: 'element', tagName: 'span', properties: {}, children: node.children });
              continue;
            }
          } else if (at && addAsset(at.path)) {
            needs.add(at.path);
            node.properties[attr] = relativeTo(at.path) + at.hash;
          } else {
            if (at) missing.push({ file: href, message: `<${node.tagName}> loads ${value}, which is not in the built site` });
            else warnings.push(`${href}: <${node.tagName}> loads ${value}, which is not part of the site; it is left out`);
            continue;
          }
        }
        visit(node);
        // After the visit, which would take it for a site script.
        if (node.tagName === 'head') {
          node.children.splice(
            node.children.findIndex((c) => c.type === 'element' && c.tagName === 'meta') + 1,
            0,
            ...scripts.map((s): Element => ({
              type: 'element',
              tagName: 'script',
              properties: { src: relativeTo(s.file), ...Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [`data-${k}`, v])) },
              children: [],
            })),
          );
        }
        if (connect && node.tagName === 'meta' && String(node.properties.httpEquiv).toLowerCase() === 'content-security-policy') {
          node.properties.content = String(node.properties.content).replace(/connect-src [^;]*/, `connect-src ${connect}`);
        }
        kept.push(node);
      }
      parent.children = kept as typeof parent.children;
    };
    visit(tree);
    files.set(href, utf8.encode(toHtml(tree, { allowDangerousHtml: true })));
    lessons.push({ lesson, href, files: [...needs].sort() });
  }
  if (missing.length > 0) {
    throw new GardenError(
      'The built site does not have every lesson of the package and what it needs:',
      missing.map(({ file, message }) => ({ file, message, hint: 'build the site first (npm run build) with the same settings, or pass --dist <folder>', severity: 'error' })),
    );
  }
  for (const script of scripts) files.set(script.file, utf8.encode(script.body));
  return { files, lessons, warnings };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const xmlId = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '-');

/**
 * The `imsmanifest.xml` of a SCORM package: one organization, an item per lesson in order, each item a
 * SCO resource (the lesson page and what only it needs) depending on one asset resource of the shared
 * files (styles, the progress script, the runtime).
 */
export function scormManifest(target: PackageTarget, pkg: LmsPackage, version: ScormVersion): string {
  const v12 = version === '1.2';
  const scormType = v12 ? 'adlcp:scormtype' : 'adlcp:scormType';
  const used = new Map<string, number>();
  for (const l of pkg.lessons) for (const f of l.files) used.set(f, (used.get(f) ?? 0) + 1);
  const own = new Set(pkg.lessons.flatMap((l) => l.files.filter((f) => used.get(f) === 1)));
  const shared = [...pkg.files.keys()].filter((f) => !own.has(f) && !pkg.lessons.some((l) => l.href === f)).sort();
  const file = (f: string) => `      <file href="${xml(encodePath(f))}"/>`;
  const items = pkg.lessons.map(
    (l, i) => `      <item identifier="ITEM-${i + 1}" identifierref="RES-${i + 1}"${v12 ? ' isvisible="true"' : ''}>
        <title>${xml(l.lesson.entry.title)}</title>
      </item>`,
  );
  const resources = pkg.lessons.map(
    (l, i) => `    <resource identifier="RES-${i + 1}" type="webcontent" ${scormType}="sco" href="${xml(encodePath(l.href))}">
${[l.href, ...l.files.filter((f) => own.has(f))].map(file).join('\n')}
      <dependency identifierref="SHARED"/>
    </resource>`,
  );
  const namespaces = v12
    ? `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"`
    : `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"`;
  // 2004: the learner may choose any lesson and go on in order (flow), as Grove never locks a lesson.
  const sequencing = v12 ? '' : `\n      <imsss:sequencing>\n        <imsss:controlMode choice="true" flow="true"/>\n      </imsss:sequencing>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="grove-${xmlId(target.kind)}-${xmlId(target.id)}" version="1" ${namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${v12 ? '1.2' : '2004 4th Edition'}</schemaversion>
  </metadata>
  <organizations default="ORG-1">
    <organization identifier="ORG-1">
      <title>${xml(target.title)}</title>
${items.join('\n')}${sequencing}
    </organization>
  </organizations>
  <resources>
${resources.join('\n')}
    <resource identifier="SHARED" type="webcontent" ${scormType}="asset">
${shared.map(file).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

/** The IRI of a course, path or lesson in a cmi5 course structure: under the site's URL, else a `urn:`. */
export function activityIri(site: string | undefined, base: string, route: string): string {
  const path = route.replace(/^\/|\/$/g, '');
  if (site) return new URL(encodePath(`${base.replace(/^\/|\/$/g, '')}/${path}/`.replace(/^\//, '')), site.endsWith('/') ? site : `${site}/`).href;
  return `urn:grove:${encodePath(path)}`;
}

/**
 * The `cmi5.xml` of a cmi5 package: the course, then an AU per lesson in order, each launched from its
 * page in the package. A lesson with a knowledge check moves on when completed and passed (every
 * question right, so a mastery score of 1); one without, when completed.
 */
export function cmi5CourseStructure(target: PackageTarget, pkg: LmsPackage, iri: (route: string) => string): string {
  const route = target.kind === 'course' ? `courses/${target.id}` : `paths/${target.id}`;
  const langstring = (s: string) => `<langstring lang="en">${xml(s)}</langstring>`;
  const aus = pkg.lessons.map(({ lesson, href }) => {
    const checked = lesson.questions > 0;
    const description = lesson.entry.data.summary ?? lesson.entry.title;
    return `  <au id="${xml(iri(lesson.entry.route))}" moveOn="${checked ? 'CompletedAndPassed' : 'Completed'}"${checked ? ' masteryScore="1"' : ''} launchMethod="AnyWindow">
    <title>${langstring(lesson.entry.title)}</title>
    <description>${langstring(description)}</description>
    <url>${xml(encodePath(href))}</url>
  </au>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${xml(iri(route))}">
    <title>${langstring(target.title)}</title>
    <description>${langstring(target.summary ?? target.title)}</description>
  </course>
${aus.join('\n')}
</courseStructure>
`;
}
