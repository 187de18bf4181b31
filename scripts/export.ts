/**
 * `npm run export -- scorm|cmi5 <course-or-path> [--version 1.2|2004] [--out file.zip] [--dist folder]`:
 * the course's lessons, as the built site shows them, in a SCORM or cmi5 package for an LMS (see
 * docs/lms.md).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, stripTypeScriptTypes } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import {
  activityIri,
  cmi5CourseStructure,
  CMI5_LIBRARY_FILE,
  collectLessons,
  packageTarget,
  RUNTIME_FILE,
  SCORM_VERSIONS,
  scormManifest,
  type ScormVersion,
} from '../src/garden/commands/lms-package.ts';
import { loadGarden } from '../src/garden/model/garden.ts';
import { fail, run } from './cli.ts';

const USAGE = `npm run export -- scorm|cmi5 <course-or-path> [--version 1.2|2004] [--out file.zip] [--dist folder]

  scorm <id>          a SCORM package of a course (or of a path's courses), a SCO per lesson
  cmi5 <id>           a cmi5 package of it, an AU per lesson
  --version <v>       SCORM 1.2 (default) or 2004 (4th edition)
  --out <file>        where to write the package (default <id>-scorm<version>.zip, <id>-cmi5.zip)
  --dist <folder>     the built site to take the lessons from (default GROVE_OUT_DIR, else dist/;
                      build it first with npm run build)`;

/** Every file of the package gets this time, so the same site makes the same zip. */
const FIXED_TIME = new Date('2000-01-01T00:00:00Z');

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { version: { type: 'string', default: '1.2' }, out: { type: 'string' }, dist: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (err) {
  fail((err as Error).message, USAGE);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [format, id, ...extra] = positionals;
if (format !== 'scorm' && format !== 'cmi5') fail(format ? `Unknown package format "${format}": Grove exports scorm or cmi5.` : 'Say what to export: scorm or cmi5, then a course or path.', USAGE);
if (!id || extra.length > 0) fail(id ? `One course or path at a time (got ${positionals.slice(1).join(', ')}).` : 'Name the course or path to export.', USAGE);
const version = values.version as ScormVersion;
if (!SCORM_VERSIONS.includes(version)) fail(`--version must be 1.2 or 2004, not "${values.version}".`, USAGE);

await run(async () => {
  const started = performance.now();
  const garden = await loadGarden();
  const target = packageTarget(garden.model, id);
  const dist = resolve(values.dist ?? process.env.GROVE_OUT_DIR ?? 'dist');
  if (!existsSync(join(dist, 'index.html'))) fail(`${dist} holds no built site: run \`npm run build\` first, or pass --dist <folder>.`, USAGE);
  // A site built under another base path (another GARDEN_CONFIG) has URLs this export would not know.
  const home = readFileSync(join(dist, 'index.html'), 'utf8');
  const builtBase = /<link rel="icon" href="([^"]*)favicon\.svg"/.exec(home)?.[1];
  if (builtBase !== undefined && builtBase !== garden.config.base) {
    fail(`${dist} was built with base "${builtBase}", these settings say "${garden.config.base}": build it with the same settings (GARDEN_CONFIG) as the export.`, USAGE);
  }
  const read = (path: string) => {
    const file = join(dist, path);
    return existsSync(file) && statSync(file).isFile() ? new Uint8Array(readFileSync(file)) : undefined;
  };
  // Node 22 calls type stripping experimental and says so on stderr; the output is plain JavaScript either way.
  const warn = process.emitWarning;
  process.emitWarning = () => {};
  const runtime = stripTypeScriptTypes(readFileSync(new URL('../src/client/lms-runtime.ts', import.meta.url), 'utf8'));
  process.emitWarning = warn;
  const base = garden.config.base;
  let pkg, manifest, manifestFile;
  if (format === 'scorm') {
    pkg = collectLessons(target, base, read, [{ file: RUNTIME_FILE, body: runtime, data: { lms: 'scorm', scorm: version } }]);
    manifest = scormManifest(target, pkg, version);
    manifestFile = 'imsmanifest.xml';
  } else {
    // @xapi/cmi5's browser build carries what it needs (axios, the xAPI client) in one file.
    const library = readFileSync(createRequire(import.meta.url).resolve('@xapi/cmi5/dist/Cmi5.umd.js'), 'utf8');
    const scripts = [
      { file: CMI5_LIBRARY_FILE, body: library },
      { file: RUNTIME_FILE, body: runtime, data: { lms: 'cmi5' } },
    ];
    // The LRS is named only at launch, so the pages may send to any host (and to nothing else).
    pkg = collectLessons(target, base, read, scripts, '*');
    manifest = cmi5CourseStructure(target, pkg, (route) => activityIri(garden.config.site, base, route));
    manifestFile = 'cmi5.xml';
  }
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, bytes] of [[manifestFile, new TextEncoder().encode(manifest)] as const, ...[...pkg.files].sort(([a], [b]) => (a < b ? -1 : 1))]) {
    files[path] = [bytes, { mtime: FIXED_TIME }];
  }
  const zip = zipSync(files, { level: 9 });
  const out = resolve(values.out ?? (format === 'scorm' ? `${id}-scorm${version}.zip` : `${id}-cmi5.zip`));
  try {
    writeFileSync(out, zip);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'no permission to write there' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    fail(`Cannot write ${out}: ${why}. Choose another --out.`, USAGE);
  }
  for (const w of pkg.warnings) console.warn(`warning: ${w}`);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const raw = [...pkg.files.values()].reduce((n, b) => n + b.length, manifest.length);
  console.log(
    `Wrote ${out}: ${format === 'cmi5' ? 'cmi5' : `SCORM ${version === '1.2' ? '1.2' : '2004 4th edition'}`} package of the ${target.kind} "${target.title}", ` +
      `${pkg.lessons.length} lessons, ${pkg.files.size + 1} files, ${kb(zip.length)} (${kb(raw)} unzipped), in ${Math.round(performance.now() - started)} ms.`,
  );
});
