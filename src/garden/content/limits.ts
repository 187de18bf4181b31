/**
 * Limits on what one page may be, checked before anything parses or renders it, so hostile content
 * in an untrusted source becomes one line naming the file instead of a crash, a hang or a quadratic
 * build. `limitProblems` is a single linear pass over the body that never recurses; it measures an
 * upper bound on each kind of nesting (never less than what the parsers will build), so a page that
 * passes cannot overflow a stack downstream.
 *
 * Measured on this machine (Node 22, 8 MiB main-thread stack, Sätteri 0.10.5, parse5 7,
 * hast-util-sanitize 5; a fresh process per input; tests/unit/content/limits.test.ts has a row for each):
 * - Sätteri's Rust parser does not overflow on nested blocks up to 100,000 levels, but is quadratic
 *   in their depth (100,000 inline `- ` items: 15 s in markdownToHtml; 10,000 nested JSX `<div>`s:
 *   7.5 s in mdxToMdast) and kills the process (SIGSEGV, not catchable) at 250,000–300,000 nested
 *   emphasis or images and at 5,000–7,000 nested brackets in an MDX `{…}` expression or `export`.
 * - JavaScript walks of the trees overflow far sooner: hast-util-from-parse5 + hast-util-sanitize +
 *   hast-util-to-html at 1,300–1,500 nested elements; a plain recursive walk of an mdast (as in
 *   trust.ts and headings.ts) at 3,000 nested list items (6,000 nodes). parse5 itself copes with
 *   100,000 nested elements (2.6 s).
 *
 * So every limit is 100 levels: real pages nest lists, quotes, emphasis or HTML a handful of levels
 * (the sample garden: 4 at most), and 100 lists (200 elements) + 100 inline levels + 100 HTML
 * elements stays under ~500 elements, a third of the shallowest overflow above. Browsers agree:
 * Chromium's HTML parser stops nesting at 512 levels. Where this scan cannot be sure text is code
 * (a fenced block or a code span it may misread), what it finds there counts against a second,
 * looser limit instead of being ignored, so a misread can raise the count but never hide nesting.
 */
import type { Problem } from '../core/problems.ts';
import { C, isWhitespaceCode, LIMITS, measureNesting, UNICODE_SPACE, type Peak } from './nesting.ts';

const n = (x: number) => x.toLocaleString('en');

const measured = new WeakMap<object, Problem[]>();

/**
 * `limitProblems` of a page, measured once per entry: a build checks a page before it renders it,
 * before it reads its outline for a link to one of its headings, and before it embeds it.
 */
export function limitsOf(e: { file: string; body: string; bodyOffset: number; format: 'md' | 'mdx' }): Problem[] {
  let problems = measured.get(e);
  if (!problems) {
    problems = limitProblems(e);
    measured.set(e, problems);
  }
  return problems;
}

/**
 * The limits a page body breaks, one error each, naming the file and the line on disk where it
 * first goes over; empty for a page that may be rendered. Linear in the body's length.
 */
export function limitProblems(e: { file: string; body: string; bodyOffset: number; format: 'md' | 'mdx' }): Problem[] {
  const bytes = Buffer.byteLength(e.body, 'utf8');
  if (bytes > LIMITS.bodyBytes) {
    return [
      {
        file: e.file,
        line: e.bodyOffset + 1,
        field: 'page-size',
        message: `the page is ${n(bytes)} bytes long; the limit is ${n(LIMITS.bodyBytes)} bytes (1 MiB)`,
        hint: 'split it into several pages, or link to the data as a file instead of pasting it in',
        severity: 'error',
      },
    ];
  }
  const m = measureNesting(e.body, e.format);
  const problems: Problem[] = [];
  const add = (p: Peak, message: string, hint: string, field = 'nesting') => {
    if (p.over !== undefined) problems.push({ file: e.file, line: p.over + e.bodyOffset, field, message, hint, severity: 'error' });
  };
  add(
    m.block,
    `lists and block quotes nest ${n(m.block.depth)} levels deep; the limit is ${LIMITS.blockDepth}`,
    'flatten the nesting: split the list, or end the quote (pages rarely need more than 5 levels)',
  );
  add(
    m.inline,
    `emphasis markers and brackets open ${n(m.inline.depth)} levels deep in one paragraph; the limit is ${LIMITS.inlineDepth}`,
    'close each *, _, ~ and [ you open, or write a literal one as \\*, \\_, \\~ or \\[',
  );
  if (m.html.over !== undefined) {
    add(m.html, `HTML elements nest ${n(m.html.depth)} levels deep; the limit is ${LIMITS.htmlDepth}`, 'close each element you open (</div>), or write a literal < as &lt;');
  } else {
    add(
      m.htmlAnywhere,
      `tags nest ${n(m.htmlAnywhere.depth)} levels deep, counting those in code; the limit is ${LIMITS.htmlDepthAnywhere}`,
      'close each element you open (</div>); text like List<String> in code counts too, so move a very long listing into a file',
    );
  }
  const exprHint = 'move the data to a file and import it (trusted sources), or flatten it';
  if (m.expression.over !== undefined) {
    add(m.expression, `brackets in a {…} expression or an import/export nest ${n(m.expression.depth)} levels deep; the limit is ${LIMITS.expressionDepth}`, exprHint);
  } else {
    add(m.expressionAnywhere, `brackets ( [ { nest ${n(m.expressionAnywhere.depth)} levels deep, counting those in code blocks; the limit is ${LIMITS.expressionDepthAnywhere}`, exprHint);
  }
  add(
    m.entities,
    `a paragraph holds ${n(m.entities.depth)} character references (&…;); the limit is ${n(LIMITS.entitiesPerParagraph)}`,
    'write the characters themselves (pages are UTF-8), or split the paragraph',
    'text-limits',
  );
  add(m.underscores, `a word holds ${n(m.underscores.depth)} runs of _; the limit is ${LIMITS.underscoreRunsPerWord}`, 'break the word with spaces, or put it in a fenced code block', 'text-limits');
  return problems;
}

// ——— Linear scans of page text, for what regular expressions did in quadratic time ———

/** A finder of the next index (at or after `from`) of a character `test` accepts; `from` must not decrease between calls, which keeps all calls together linear. */
function forwardFinder(s: string, test: (c: number) => boolean): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    for (let i = from; i < s.length; i++) if (test(s.charCodeAt(i))) return (found = i);
    return (found = -1);
  };
}

const isJsSpace = (c: number) => (c < 128 ? isWhitespaceCode(c) : UNICODE_SPACE.test(String.fromCharCode(c)) || c === 0xfeff);

/**
 * Wikilinks and embeds as written, `[[target]]`, `[[target|label]]`, `![[target]]`: each as
 * `[whole, '!' or '', target]`, the groups /(!?)\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g gave. That pattern
 * searched to the next `]` from every `[[`, so 150 KB of `![[` took 20 s; this finds each `]` once.
 */
export function wikilinksIn(s: string): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const stop = forwardFinder(s, (c) => c === C.RBracket || c === 124);
  const close = forwardFinder(s, (c) => c === C.RBracket);
  for (let i = s.indexOf('[['); i >= 0;) {
    const j = stop(i + 2);
    if (j < 0) break;
    let end = -1;
    if (j > i + 2) {
      if (s.charCodeAt(j) === 124) {
        const k = close(j + 1);
        if (k < 0) break;
        if (s.charCodeAt(k + 1) === C.RBracket) end = k + 2;
      } else if (s.charCodeAt(j + 1) === C.RBracket) end = j + 2;
    }
    if (end < 0) {
      i = s.indexOf('[[', i + 1);
      continue;
    }
    const bang = i > 0 && s.charCodeAt(i - 1) === C.Bang;
    out.push([s.slice(bang ? i - 1 : i, end), bang ? '!' : '', s.slice(i + 2, j)]);
    i = s.indexOf('[[', end);
  }
  return out;
}

/**
 * The paths of Markdown links that carry an `#anchor`, `[text](path#anchor)` (also `](<path#a>)`):
 * what /\]\(<?([^)\s>#]*)#/g captured, found in one pass.
 */
export function anchoredLinkPathsIn(s: string): string[] {
  const out: string[] = [];
  const stop = forwardFinder(s, (c) => c === C.RParen || c === C.Gt || c === 35 || isJsSpace(c));
  for (let i = s.indexOf(']('); i >= 0;) {
    let p = i + 2;
    if (s.charCodeAt(p) === C.Lt) p++;
    const q = stop(p);
    if (q < 0) break;
    if (s.charCodeAt(q) === 35) {
      out.push(s.slice(p, q));
      i = s.indexOf('](', q + 1);
    } else i = s.indexOf('](', i + 1);
  }
  return out;
}

/**
 * The paths of reference definitions that carry an `#anchor`, `[rule]: ../notes/b.md#the-rule`:
 * what /^ {0,3}\[[^\]]+\]:\s*<?([^\s>#]+)#/gm captured, found in one pass.
 */
export function anchoredDefinitionPathsIn(s: string): string[] {
  const out: string[] = [];
  const close = forwardFinder(s, (c) => c === C.RBracket);
  let lastB = -1;
  let lastResult: { path: string; end: number } | undefined;
  let resumeAt = 0;
  for (let start = 0; start < s.length;) {
    const nl = s.indexOf('\n', start);
    if (start >= resumeAt) {
      let a = start;
      while (a - start < 3 && s.charCodeAt(a) === C.Space) a++;
      if (s.charCodeAt(a) === C.LBracket) {
        const b = close(a + 1);
        if (b < 0) break;
        if (b > a + 1 && s.charCodeAt(b + 1) === 58) {
          if (b !== lastB) {
            lastB = b;
            lastResult = undefined;
            let w = b + 2;
            while (w < s.length && isJsSpace(s.charCodeAt(w))) w++;
            const from = s.charCodeAt(w) === C.Lt ? w + 1 : w;
            let q = from;
            while (q < s.length && !isJsSpace(s.charCodeAt(q)) && s.charCodeAt(q) !== C.Gt && s.charCodeAt(q) !== 35) q++;
            if (s.charCodeAt(q) === 35 && q > from) lastResult = { path: s.slice(from, q), end: q + 1 };
            else if (from > w && s.charCodeAt(from) === 35) lastResult = { path: '<', end: from + 1 };
          }
          if (lastResult) {
            out.push(lastResult.path);
            resumeAt = lastResult.end;
          }
        }
      }
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}
