/**
 * Hostile input at the untrusted boundary (#12): every pathological page either renders normally or
 * becomes one problem naming the file and line; none crashes, hangs or takes quadratic time. Each
 * row runs the page as the pipeline would: limitProblems first, and only a page that passes goes on
 * through every stage that reads a body (frontmatter scans, the trust policy, Sätteri, the outline,
 * the render-dependency scans, the HTML policy and hast-util-sanitize). The timeouts are generous
 * (20 s for what takes well under a second); the old quadratic code took minutes on these inputs.
 * Performance targets belong in benchmarks, not here.
 */
import fc from 'fast-check';
import { fromParse5 } from 'hast-util-from-parse5';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { parseFragment } from 'parse5';
import { markdownToHtml, mdxToMdast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { readEntry } from '../../../src/garden/content/entries.ts';
import { countWords, firstHeading, parseFrontmatter, stripEmphasis } from '../../../src/garden/content/frontmatter.ts';
import { parseOutline } from '../../../src/garden/content/headings.ts';
import { anchoredDefinitionPathsIn, anchoredLinkPathsIn, limitProblems, wikilinksIn } from '../../../src/garden/content/limits.ts';
import { LIMITS, measureNesting } from '../../../src/garden/content/nesting.ts';
import { groveHastPlugins } from '../../../src/garden/render/hast-plugins.ts';

import { formatProblem } from '../../../src/garden/core/problems.ts';
import { closest } from '../../../src/garden/core/near.ts';
import { parseDuration } from '../../../src/garden/content/schemas.ts';
import { trustPolicy } from '../../../src/garden/policy/trust.ts';
import { at } from '../helpers.ts';
import { MARKDOWN_FEATURES, hasEsm } from '../../../src/garden/content/syntax.ts';

const FILE = at('notes/hostile.md', 'team').file;
/** Frontmatter before every body, so lines on disk are body lines + 3. */
const OFFSET = 3;
// Generous: about 4 s for the slowest row on an idle machine, 20 s beside a CI run; the quadratic versions took minutes.
const TIMEOUT = 60_000;
const UNTRUSTED = { trust: 'untrusted', unsafeHtml: 'strip' } as const;

/** The deepest nesting of a tree of `children`, measured without recursion. */
function depthOf(root: unknown, children: (n: { children?: unknown[] }) => unknown[] | undefined): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > deepest) deepest = d;
    for (const c of children(n as { children?: unknown[] }) ?? []) stack.push([c, d + 1]);
  }
  return deepest;
}

/**
 * Runs a body as the pipeline would: the problems limitProblems reports, or, when there are none,
 * every stage that reads a body, returning the rendered HTML and the depth of the trees built.
 */
function runPage(body: string, format: 'md' | 'mdx' = 'md'): { problems: string[]; html?: string; treeDepth?: number } {
  const problems = limitProblems({ file: FILE, body, bodyOffset: OFFSET, format }).map(formatProblem);
  if (problems.length) return { problems };
  const raw = `---\ntitle: Hostile\n---\n${body}`;
  const entry = readEntry('note', raw, at('notes/hostile.md', 'team'));
  if ('problems' in entry) throw new Error(entry.problems.map(formatProblem).join('\n'));
  firstHeading(body);
  wikilinksIn(body);
  anchoredLinkPathsIn(body);
  anchoredDefinitionPathsIn(body);
  parseOutline(body, format, 'Hostile', 'note');
  const verdict = trustPolicy({ file: FILE, body, bodyOffset: OFFSET, format, source: 'team' }, UNTRUSTED, ['Question']);
  if (format === 'mdx') {
    hasEsm(body);
    const tree = mdxToMdast(body, { position: true, features: MARKDOWN_FEATURES });
    return { problems: verdict.problems.filter((p) => p.severity === 'error').map(formatProblem), treeDepth: depthOf(tree, (n) => n.children) };
  }
  const html = (markdownToHtml(body, { features: MARKDOWN_FEATURES, hastPlugins: groveHastPlugins() }) as { html: string }).html;
  const cleaned = verdict.clean(html).html;
  // The sanitizer issue #12 puts at the boundary: its tree walks are the shallowest (1,300 levels).
  const hast = fromParse5(parseFragment(cleaned));
  toHtml(sanitize(hast));
  return { problems: [], html: cleaned, treeDepth: depthOf(hast, (n) => n.children) };
}

const deepList = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- x`).join('\n');

describe('limitProblems: one row per pathological page', () => {
  it.each<[string, () => string, 'md' | 'mdx', string | undefined]>([
    // Deep nesting: each becomes one problem at the line where it first goes over.
    ['a 3,000-level nested list (9 MB of indentation)', () => deepList(3000), 'md', `${FILE}:4 → page-size: the page is 9,008,999 bytes long`],
    ['a 1,000-level nested list', () => deepList(1000), 'md', `${FILE}:104 → nesting: lists and block quotes nest 1,000 levels deep; the limit is 100`],
    ['3,000 list markers on one line', () => `${'- '.repeat(3000)}x`, 'md', `${FILE}:4 → nesting: lists and block quotes nest 3,000 levels deep`],
    ['10,000 nested block quotes', () => `${'>'.repeat(10_000)} x`, 'md', `${FILE}:4 → nesting: lists and block quotes nest 10,000 levels deep`],
    ['quotes and lists mixed, 3,000 deep', () => `${Array.from({ length: 3000 }, (_, i) => ['> ', '- ', '1. '][i % 3]).join('')}x`, 'md', 'nest 3,000 levels deep'],
    ['100,000 nested <div>s on one line', () => `text\n\n${'<div>'.repeat(100_000)}x`, 'md', `${FILE}:6 → nesting: HTML elements nest 100,000 levels deep; the limit is 100`],
    ['100,000 <span>s inside a paragraph', () => `a ${'<span>'.repeat(100_000)}x`, 'md', 'HTML elements nest 100,000 levels deep'],
    ['100,000 unclosed <span>s, one per paragraph', () => '<span>x\n\n'.repeat(100_000), 'md', `${FILE}:204 → nesting: HTML elements nest 100,000 levels deep`],
    ['10,000 nested JSX elements in MDX', () => `${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}`, 'mdx', 'HTML elements nest 10,000 levels deep'],
    ['100,000 nested emphasis', () => `${'*a '.repeat(100_000)}x${' b*'.repeat(100_000)}`, 'md', 'emphasis markers and brackets open 100,000 levels deep in one paragraph; the limit is 100'],
    ['a run of 300,000 * around a word (Sätteri crashes at 250,000 levels)', () => `${'*'.repeat(300_000)}x${'*'.repeat(300_000)}`, 'md', 'open 300,000 levels'],
    ['100,000 nested images', () => `${'!['.repeat(100_000)}x${'](u)'.repeat(100_000)}`, 'md', 'open 100,000 levels'],
    ['100,000 nested links', () => `${'['.repeat(100_000)}x${'](u)'.repeat(100_000)}`, 'md', 'open 100,000 levels'],
    ['100,000 [', () => '['.repeat(100_000), 'md', 'open 100,000 levels'],
    [
      '10,000 nested brackets in an MDX expression (Sätteri crashes at 7,000)',
      () => `{${'('.repeat(10_000)}1${')'.repeat(10_000)}}`,
      'mdx',
      'brackets in a {…} expression or an import/export nest 10,001 levels deep; the limit is 100',
    ],
    ['10,000 nested brackets in an MDX export', () => `export const a = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n\nx`, 'mdx', 'import/export nest 10,000 levels deep'],
    ['a body over 1 MiB', () => 'word '.repeat(250_000), 'md', `${FILE}:4 → page-size: the page is 1,250,000 bytes long; the limit is 1,048,576 bytes (1 MiB)`],
    // Large but flat: rendered normally, in linear time.
    ['100,000 *', () => '*'.repeat(100_000), 'md', undefined],
    ['100,000 `', () => '`'.repeat(100_000), 'md', undefined],
    ['100,000 _ in one word (Sätteri: 58 s)', () => 'a_'.repeat(100_000), 'md', `${FILE}:4 → text-limits: a word holds 100,000 runs of _; the limit is 256`],
    ['40,000 __ in one word in a code span', () => `\`${'a__'.repeat(40_000)}\``, 'md', 'a word holds 40,000 runs of _'],
    ['100,000 _ between words', () => 'a_ '.repeat(100_000), 'md', undefined],
    ['400 KB of <', () => '<'.repeat(400_000), 'md', undefined],
    ['< in an MDX expression of an untrusted page: refused, not run', () => `{'${'<'.repeat(400)}'}`, 'mdx', 'no-mdx-code: a {…} expression runs code at build time'],
    ['150 KB of ![[', () => '![['.repeat(50_000), 'md', `${FILE}:4 → nesting: emphasis markers and brackets open 100,000 levels deep`],
    ['50,000 wikilinks and embeds', () => '[[a]] ![[b|c]] '.repeat(50_000), 'md', undefined],
    ['100,000 ](', () => '](](x'.repeat(50_000), 'md', undefined],
    ['100,000 lines starting with [', () => '[\n'.repeat(100_000), 'md', `${FILE}:104 → nesting: emphasis markers and brackets open 100,000 levels deep`],
    ['100,000 lines starting with [, a paragraph each', () => '[\n\n'.repeat(100_000), 'md', undefined],
    ['a table row of 50,000 cells', () => `${'| a '.repeat(50_000)}|\n${'|---'.repeat(50_000)}|\n${'| b '.repeat(50_000)}|`, 'md', undefined],
    // Linear, but each reference adds ~280 bytes of backlinks to the page: 20,000 make 5.6 MB of HTML.
    ['20,000 footnote references', () => `${'x[^1] '.repeat(20_000)}\n\n[^1]: note`, 'md', undefined],
    ['100,000 &#', () => '&#'.repeat(100_000), 'md', undefined],
    [
      '100,000 character references in a paragraph (Sätteri: 50 s, then a thrown error)',
      () => '&#65;&amp;'.repeat(50_000),
      'md',
      `${FILE}:4 → text-limits: a paragraph holds 100,000 character references (&…;); the limit is 1,000`,
    ],
    ['100,000 character references, one paragraph each', () => '&amp;\n\n'.repeat(100_000), 'md', undefined],
    ['a single line of a million characters', () => 'a'.repeat(1_000_000), 'md', undefined],
    ['a heading of 100,000 spaces', () => `# a${' '.repeat(100_000)}b`, 'md', undefined],
    ['a heading of 30,000 unclosed *', () => `# ${'*a '.repeat(30_000)}`, 'md', 'open 30,000 levels deep'],
    ['50,000 headings', () => '# a\n## b\n'.repeat(25_000), 'md', undefined],
    ['100,000 unclosed <input in an HTML block', () => `<div>\n${'<input '.repeat(100_000)}`, 'md', undefined],
    ['100,000 blank lines of MDX', () => `${'\n'.repeat(100_000)}x`, 'mdx', undefined],
    ['200,000 unclosed fences', () => '```\n~~~~\n'.repeat(100_000), 'md', undefined],
    ['an unclosed <!-- swallows the tags after it', () => `<!--\n${'<div>'.repeat(200)}`, 'md', undefined],
    ['a closed <!-- --> does not', () => `<!-- x -->\n${'<div>'.repeat(200)}`, 'md', `${FILE}:5 → nesting: HTML elements nest 200 levels deep`],
  ])('%s', { timeout: TIMEOUT }, (_name, make, format, expected) => {
    const out = runPage(make(), format);
    if (expected === undefined) expect(out.problems).toEqual([]);
    else {
      expect(out.problems.length).toBeGreaterThan(0);
      expect(out.problems.join('\n')).toContain(expected);
      for (const p of out.problems) expect(p.startsWith(`${FILE}:`)).toBe(true);
    }
  });

  it('real pages pass: code blocks with generics, balanced HTML, callouts, MDX with props', () => {
    const md = [
      '# Collections',
      '',
      '> [!tip] Use `List<String>` *for* **text**',
      '> > nested quote with [a link](../x.md#part)',
      '',
      '1. first',
      '   - second',
      '     - third `code`',
      '',
      '```java',
      ...Array.from({ length: 120 }, (_, i) => `List<Map<String, Integer>> x${i} = new ArrayList<>();`),
      '```',
      '',
      '<details><summary>More</summary><div><p>Inside <em>html</em></p></div></details>',
    ].join('\n');
    expect(limitProblems({ file: FILE, body: md, bodyOffset: 0, format: 'md' })).toEqual([]);
    const mdx = ['import Chart from "./chart.astro"', '', '<Question question="Why (really)?" options={["a (1)", "b [2]", "c {3}"]} answer="a (1)" />', '', '{/* a comment ) ] } */}', ''].join('\n');
    expect(limitProblems({ file: FILE, body: mdx, bodyOffset: 0, format: 'mdx' })).toEqual([]);
  });

  it('measures nesting just at and over the limit', () => {
    expect(measureNesting(`${'> '.repeat(LIMITS.blockDepth)}x`, 'md').block).toEqual({ depth: 100 });
    expect(measureNesting(`${'> '.repeat(LIMITS.blockDepth + 1)}x`, 'md').block).toEqual({ depth: 101, over: 1 });
    expect(measureNesting(`${'<b>'.repeat(100)}x${'</b>'.repeat(100)}${'<i>'.repeat(100)}`, 'md').html).toEqual({ depth: 100 });
  });

  it('the message as the user sees it', () => {
    expect(limitProblems({ file: FILE, body: `intro\n${'>'.repeat(150)} x`, bodyOffset: OFFSET, format: 'md' }).map(formatProblem)).toMatchInlineSnapshot(`
      [
        "content/notes/hostile.md:5 → nesting: lists and block quotes nest 150 levels deep; the limit is 100 (flatten the nesting: split the list, or end the quote (pages rarely need more than 5 levels))",
      ]
    `);
  });
});

describe('random nestings of lists, quotes, HTML, emphasis and links', () => {
  const openers = ['- ', '> ', '1. ', '  ', '<div>', '<span>', '<td>', '*a ', '**b ', '_c ', '~~d ', '[', '![', '`', '<!--', '\n', '\n\n', 'x', '</div>', ' e*', ']', '](u)', '<em>', '<p>'];
  const piece = fc.tuple(fc.constantFrom(...openers), fc.integer({ min: 1, max: 400 })).map(([s, n]) => s.repeat(n));
  it('either render, with trees no deeper than the limits allow, or produce a limit problem; never throw', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const body = pieces.join('');
        const out = runPage(body);
        if (out.problems.some((p) => p.includes('nesting:') || p.includes('page-size:'))) return;
        // 100 lists (ul + li) + 100 inline levels + 100 HTML elements, with parse5's inserted table parts.
        expect(out.treeDepth).toBeLessThanOrEqual(700);
      }),
      { numRuns: 300 },
    );
  });
});

describe('YAML frontmatter that expands or nests without end', () => {
  const bomb = (field: string) => {
    const lines = ['---', 'title: Bomb', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*${i === 1 ? 'a' : `l${i - 1}`}`)
          .join(',')}]`,
      );
    return `${lines.join('\n')}\n${field}: *l8\n---\nBody\n`;
  };
  it.each<[string, () => string, string]>([
    [
      'the billion laughs in unknown fields of a note',
      () => bomb('extra'),
      `${FILE}:7 → l4: uses YAML aliases that expand to 111,111 values; the limit is 100,000 (write the list out instead of repeating *aliases)`,
    ],
    ['a list that contains itself', () => '---\ntopics: &t [a, *t]\n---\n', `${FILE}:2 → topics: refers to itself through a YAML alias`],
    ['100,000 nested flow lists', () => `---\ntopics: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n---\n`, `${FILE}:1 → the frontmatter nests lists or mappings too deeply to read`],
    ['frontmatter over 64 KiB', () => `---\nsummary: ${'x'.repeat(70_000)}\n---\n`, `${FILE}:1 → the frontmatter is 70,013 bytes long; the limit is 65,536 bytes (64 KiB)`],
  ])('%s', { timeout: TIMEOUT }, (_name, raw, expected) => {
    const r = readEntry('note', raw(), at('notes/hostile.md', 'team'));
    expect('problems' in r).toBe(true);
    const shown = 'problems' in r ? r.problems.map(formatProblem) : [];
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain(expected);
  });

  it('a bomb in a checked field is named by the field it is used in', () => {
    const raw = `---\ntopics: &a [${Array(10).fill('&b [x, x, x, x, x, x, x, x, x, x]').join(', ')}]\ncheck: [${Array(2000).fill('*a').join(',')}]\n---\n`;
    const r = parseFrontmatter(raw, FILE);
    expect(r.ok ? '' : formatProblem(r.problem)).toBe(`${FILE}:3 → check: uses YAML aliases that expand to 222,001 values; the limit is 100,000 (write the list out instead of repeating *aliases)`);
  });

  it('a duration of 60,000 digits is read in linear time', { timeout: TIMEOUT }, () => {
    expect(parseDuration(`${'1'.repeat(60_000)}x`)).toBeUndefined();
    expect(parseDuration('1h 30m')).toBe(90);
  });
});

describe('the linear scans mean what the regular expressions they replace meant', () => {
  const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((a) => a.join(''));
  const old = {
    wikilinks: (s: string) => [...s.matchAll(/(!?)\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g)].map((m) => [m[0], m[1], m[2]]),
    links: (s: string) => [...s.matchAll(/\]\(<?([^)\s>#]*)#/g)].map((m) => m[1]),
    definitions: (s: string) => [...s.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?([^\s>#]+)#/gm)].map((m) => m[1]),
    emphasis: (t: string) => t.replace(/(\*\*|__|\*)(\S(?:.*?\S)?)\1/g, '$2').replace(/(?<![\p{L}\p{N}])_(\S(?:.*?\S)?)_(?![\p{L}\p{N}])/gu, '$1'),
    heading: (line: string) => {
      const m = /^\s{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
      return m ? old.emphasis(m[1]!.replace(/`/g, '')).trim() : undefined;
    },
    words: (body: string) =>
      body
        .replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\]\([^)]*\)/g, ']')
        .match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0,
  };
  const runs = { numRuns: 5000 };
  it('wikilinksIn', () =>
    fc.assert(
      fc.property(text(['[', ']', '[[', ']]', '!', '|', 'a', '\n']), (s) => {
        expect(wikilinksIn(s)).toEqual(old.wikilinks(s));
      }),
      runs,
    ));
  it('anchoredLinkPathsIn', () =>
    fc.assert(
      fc.property(text([']', '(', ')', '<', '>', '#', ' ', 'a', '](']), (s) => {
        expect(anchoredLinkPathsIn(s)).toEqual(old.links(s));
      }),
      runs,
    ));
  it('anchoredDefinitionPathsIn', () =>
    fc.assert(
      fc.property(text(['[', ']', ':', ' ', '\n', '<', '>', '#', 'a', ']:']), (s) => {
        expect(anchoredDefinitionPathsIn(s)).toEqual(old.definitions(s));
      }),
      runs,
    ));
  it('stripEmphasis', () =>
    fc.assert(
      fc.property(text(['*', '_', ' ', 'a', '1', '.', '**', '__']), (t) => {
        expect(stripEmphasis(t)).toBe(old.emphasis(t));
      }),
      runs,
    ));
  it('firstHeading on one line', () =>
    fc.assert(
      fc.property(text(['#', ' ', '\t', 'a', '*', '_', '`', '##']), (t) => {
        expect(firstHeading(t)).toBe(old.heading(t));
      }),
      runs,
    ));
  it('countWords', () =>
    fc.assert(
      // Joiners, digits, letters of other scripts, an astral letter (𝒜) and an astral symbol (🌱) too.
      fc.property(text(['`', '~', '```', '~~~', '````', '\n', 'a', 'Z', ' ', '<', '>', '](', ')', "'", '-', '’', '7', 'é', '日', '٣', '𝒜', '🌱', '.']), (t) => {
        expect(countWords(t)).toBe(old.words(t));
      }),
      runs,
    ));
  it('closest: a broken 4,000-character wikilink against 4,000 names is not measured letter by letter', { timeout: TIMEOUT }, () => {
    const names = Array.from({ length: 4000 }, (_, i) => `some-page-name-${i}`);
    expect(closest('a'.repeat(4000), names)).toEqual([]);
    expect(closest('some-page-nme-12', names)[0]).toBe('some-page-name-12');
  });
});
