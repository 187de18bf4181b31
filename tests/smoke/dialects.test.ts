/**
 * Real repositories as they are (issue #14): each fixture of tests/fixtures/dialects/ is made a git
 * repository of its own and built by Astro beside the sample garden, in ONE build, with only `repo`,
 * `branch`, `dir`, `layout` and `dialect` set (no `brokenLinks`, no `unsafeHtml`): the links, embeds,
 * order and titles of each dialect are asserted on the built HTML, and check:links passes, so what
 * Grove cannot resolve is marked text, never a dead link.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'tests/fixtures/dialects');
mkdirSync(join(root, '.grove'), { recursive: true });
const work = mkdtempSync(join(root, '.grove', 'dialects-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dist = join(work, 'dist');
const page = (route: string) => readFileSync(join(dist, route, 'index.html'), 'utf8');
/** The page's text between its <main> tags: the article, without the site's shell. */
const main = (route: string) => /<main[\s\S]*<\/main>/.exec(page(route))![0];

// Fixed names and dates: the commits, and so the pages' "Updated" dates, are the same on every run.
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@fixtures.example',
  GIT_AUTHOR_DATE: '2024-01-02T03:04:05Z',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'author@fixtures.example',
  GIT_COMMITTER_DATE: '2024-01-02T03:04:05Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** Makes `fixture` a git repository on `branch` (its files under `dir` when given) and returns its file:// URL. */
function repoOf(fixture: string, branch: string, dir?: string): string {
  const repo = join(work, 'repos', fixture);
  cpSync(join(fixtures, fixture), dir ? join(repo, dir) : repo, { recursive: true });
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: GIT_ENV });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('init', '--quiet', '--initial-branch', branch);
  git('add', '--all');
  git('commit', '--quiet', '--message', `The ${fixture} fixture`);
  return pathToFileURL(repo).href;
}

describe('each dialect fixture as a git repository, built beside the sample garden', () => {
  it('builds once with only repo, branch, dir, layout and dialect; links, embeds, order and titles are right; check:links passes', { timeout: 600_000 }, () => {
    const sources = [
      { name: 'local', path: '../../content' },
      // .obsidian/ is in the vault's folder (`dir`), so `dialect: 'auto'` finds it.
      { name: 'obsidian', repo: repoOf('obsidian', 'main', 'vault'), branch: 'main', dir: 'vault', layout: 'notes' },
      { name: 'dendron', repo: repoOf('dendron', 'trunk'), branch: 'trunk', layout: 'notes' },
      { name: 'foam', repo: repoOf('foam', 'main'), branch: 'main', layout: 'notes' },
      { name: 'web', repo: repoOf('course', 'master'), branch: 'master', layout: 'course' },
      { name: 'lenient', repo: repoOf('lenient', 'main'), branch: 'main', layout: 'notes', dialect: 'gfm' },
    ];
    const config = join(work, 'garden.config.mjs');
    writeFileSync(config, `export default ${JSON.stringify({ title: 'Sample and dialects', sources }, null, 2)};\n`);
    const env = {
      ...process.env,
      GARDEN_CONFIG: config,
      GROVE_OUT_DIR: dist,
      GROVE_CACHE_DIR: join(work, 'cache'),
      NO_COLOR: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
    };
    // A build syncs the sources it has never synced: this one build clones all five repositories.
    const b = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: root, encoding: 'utf8', env });
    const log = `${b.stdout}\n${b.stderr}`;
    expect(b.status, log).toBe(0);

    // Obsidian (`[[page|label]]`, `[[#Heading]]`, block ids `^id`, `![[x.png|100x145]]`).
    const home = main('notes/home');
    expect(home).toContain('<a href="#details">Details</a>'); // [[#Details]]
    expect(home).toContain('<a href="/notes/guide/">the guide</a>'); // [[Guide\|the guide]] in a table cell
    expect(home).toMatch(/<td><a href="\/notes\/guide\/">the guide<\/a><\/td>\s*<td><img src="\/files\/obsidian\/diagram.png" alt="diagram.png" width="40"><\/td>/);
    expect(home).toContain('<a href="/notes/guide/#setup-steps">'); // [[Guide#Setup Steps]]
    expect(home).toContain('<a href="/notes/home/">this page from the top</a>'); // [[Home#Home|…]]: the page's own title
    // [[Guide#^key-point]] goes to an anchor the target page has.
    const blockHref = /<a href="\/notes\/guide\/#([^"]+)">Guide<\/a>/.exec(home)?.[1];
    expect(blockHref, 'the link of [[Guide#^key-point]]').toBeDefined();
    expect(main('notes/guide')).toContain(`id="${decodeURIComponent(blockHref!)}"`);
    expect(main('notes/guide')).toMatch(/<p id="[^"]*key-point">The one thing to remember: commit early.<\/p>/);
    // ![[Guide#^key-point]] embeds the block, not the whole page.
    const embed = /<figure class="embed" data-embed="note:guide">[\s\S]*?<\/figure>/.exec(home)?.[0] ?? '';
    expect(embed).toContain('The one thing to remember: commit early.');
    expect(embed).not.toContain('Setup Steps');
    expect(home).toContain('<img src="/files/obsidian/diagram.png" alt="diagram.png" width="100" height="145">');
    expect(home).toContain('<img src="/files/obsidian/diagram.png" alt="Diagram of the parts">');
    expect(home).toMatch(/<audio controls[^>]* src="\/files\/obsidian\/clip.mp3">/);
    expect(home).toMatch(/<video controls[^>]* src="\/files\/obsidian\/movie.mp4">/);
    expect(home).toContain('<a href="/files/obsidian/docs/manual.pdf">manual.pdf</a>'); // ![[manual.pdf]], found in docs/
    expect(home).toContain('<img src="/files/obsidian/img/photo.png"');
    // A note the vault links to but never wrote is marked text, not a dead link.
    expect(home).toMatch(/<span class="broken-link" title="[^"]*">Not written yet<\/span>/);
    const guide = main('notes/guide');
    // [[Home#^detail|the detail]]: however a block id is spelt in the address, the target page has it.
    const detail = /<a href="\/notes\/home\/#([^"]+)">the detail<\/a>/.exec(guide)?.[1];
    expect(detail, 'the link of [[Home#^detail|the detail]]').toBeDefined();
    expect(home).toMatch(new RegExp(`<p id="${decodeURIComponent(detail!).replace(/[\^$]/g, '\\$&')}">A detail worth linking to.</p>`));
    expect(guide).toMatch(/<a href="#([^"]+)">key-point<\/a>/); // [[#^key-point]], a block of the same page
    expect(guide).toMatch(/<table id="[^"]*table-1">/);

    // Dendron (`a.b.c` hierarchy, `[[label|note]]`, `dendron://vault/note`, `{{fm.x}}`), found by its dendron.yml.
    const lang = main('notes/lang');
    expect(lang).toContain('<p>Programming languages we use.</p>'); // {{fm.desc}}
    expect(lang).toContain('<a href="/notes/lang-python/">Python basics</a>'); // [[Python basics|lang.python]]: label first
    expect(lang).toContain('or <a href="/notes/lang-rust-types/">Rust types</a>'); // [[dendron://notes/lang.rust.types]]
    expect(lang).toMatch(/class="hierarchy-children"[\s\S]*href="\/notes\/lang-python\/">Python<[\s\S]*href="\/notes\/lang-rust-types\/">Rust types</);
    const python = main('notes/lang-python');
    expect(python).toContain('The Python language, described in Python; {{fm.unknown}} stays as written.');
    expect(python).toContain('<a href="/notes/lang-python-data/#pandas">the data note</a>');
    expect(python).toMatch(/class="hierarchy-parents"[^>]*><a href="\/notes\/lang\/">Languages<\/a> ›<\/p>/);
    const data = main('notes/lang-python-data');
    expect(data).toMatch(/class="hierarchy-parents"[^>]*><a href="\/notes\/lang\/">Languages<\/a> › <a href="\/notes\/lang-python\/">Python<\/a> ›<\/p>/);
    expect(data).toContain('<a href="/notes/lang-python/#summary">up</a>'); // [[up|dendron://notes/lang.python#summary,1:#*]]: where the range starts
    // lang.rust.types has no lang.rust: its parent is the nearest note above it.
    expect(main('notes/lang-rust-types')).toMatch(/class="hierarchy-parents"[^>]*><a href="\/notes\/lang\/">Languages<\/a> ›<\/p>/);

    // Foam (wikilinks with the link-reference definitions Foam appends), found by .vscode/extensions.json.
    const foam = main('notes/index');
    expect(foam).toContain('<a href="/notes/features-wikilinks/">Wikilinks</a>');
    expect(foam).toContain('<a href="/notes/features-graph-view/">Graph View</a>');
    expect(foam).toContain('<a href="/notes/features-graph-view/" title="Graph View">the graph</a>'); // [the graph][graph-view]
    expect(main('notes/features-wikilinks')).toContain('<a href="/notes/features-graph-view/">Graph View</a>'); // [[graph-view]] from a sibling
    expect(main('notes/features-graph-view')).toContain('<a href="/notes/index/">Foam notes</a>');
    expect(main('notes/features-graph-view')).toContain('<img src="/files/foam/features/graph.png" alt="graph">');
    // `The #tooling notes`: Foam's tag in the text is a topic of the note.
    expect(foam).toMatch(/<h2>Topics<\/h2><ul class="chips"><li><a href="\/topics\/tooling\/">tooling<\/a>/);
    expect(main('topics/tooling')).toContain('href="/notes/index/"');

    // The course layout: the path and its courses, in order.
    const path = page('paths/web');
    expect(path).toContain('Web Basics');
    expect(path.indexOf('HTML from scratch')).toBeGreaterThan(-1);
    expect(path.indexOf('HTML from scratch')).toBeLessThan(path.indexOf('Styling the Web'));
    // The course page shows its README as its introduction, and its lessons 9 before 10.
    const course = page('courses/html');
    expect(course).toContain('This course introduces HTML');
    expect(course.indexOf('>Tables<')).toBeLessThan(course.indexOf('>Forms<'));
    // Previous and next follow the numbers; titles come from frontmatter, heading, meta.json or the name.
    const tables = page('courses/html/tables');
    expect(tables).toMatch(/href="\/courses\/html\/elements\/" rel="prev"[^>]*><small[^>]*>Previous<\/small>Elements and tags/);
    expect(tables).toMatch(/href="\/courses\/html\/forms\/" rel="next"[^>]*><small[^>]*>Next<\/small>Forms/);
    expect(page('courses/styling/flexbox-intro')).toMatch(/<h1[^>]*>Flexbox, gently<\/h1>/);
    expect(page('courses/styling/colour-names')).toMatch(/<h1[^>]*>Colour names<\/h1>/);
    // The lesson's relative link to the next file is a link to its page.
    expect(page('courses/html/intro')).toContain('href="/courses/html/elements/"');

    // Lenient frontmatter: epoch dates, numeric titles, an unknown stage, a name of symbols only.
    const release = main('notes/release-0-88');
    expect(release).toMatch(/<h1[^>]*>0.90<\/h1>/); // title: 0.90, a YAML number, kept as written
    expect(release).toContain('<time datetime="2022-05-24"'); // updated: 1653409628830 (epoch ms)
    expect(main('notes/unix-time')).toMatch(/<h1[^>]*>42<\/h1>/);
    expect(main('notes/unix-time')).toContain('<time datetime="2021-03-04"'); // created: 1614830827 (epoch seconds)
    const unknownStage = main('notes/projects-unknown-stage');
    expect(unknownStage).toMatch(/<h1[^>]*>Contextual UI<\/h1>/);
    expect(unknownStage).not.toContain('stage-'); // stage: seed is no stage: no badge
    expect(log).toMatch(/lenient:projects\/unknown-stage\.md:\d+ → ignored 2 fields Grove cannot read: stage "seed"/);
    expect(main('notes/projects-grove-native')).toContain('<span class="badge stage-budding">budding</span>');
    expect(main('notes/exclamation-mark')).toMatch(/<h1[^>]*>Shouting<\/h1>/); // `!.md`

    // check:links: every link of the built site goes to a page or file that exists, with its anchor.
    const l = spawnSync(process.execPath, [join(root, 'scripts/check-links.ts'), dist], { cwd: root, encoding: 'utf8', env });
    expect(l.status, `${l.stdout}\n${l.stderr}`).toBe(0);
  });
});
