/**
 * Splits a Markdown file into frontmatter and body, keeping the line numbers a user needs to find a
 * problem in the file as it is on disk.
 */
import matter from 'gray-matter';
import yaml from 'js-yaml';

/**
 * YAML's core schema: no implicit timestamps. js-yaml's default schema turns `2025-13-40` into
 * 9 February 2026 without a word; left as text, the date schema rejects it and names the line.
 */
const engines = { yaml: (s: string) => yaml.load(s, { schema: yaml.CORE_SCHEMA }) as object };
import type { Problem } from '../core/problems.ts';
import type { LineOf } from '../core/validate.ts';

/**
 * The most text a frontmatter block may hold. Real frontmatter is under 2 KiB (the longest in the
 * sample garden, a lesson with a five-question check, is 1.3 KiB); 64 KiB leaves room for foreign
 * vaults' metadata while keeping YAML parsing and field validation well under a second.
 */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;
/**
 * The most values a frontmatter may expand to once YAML aliases (`*name`) are followed. 64 KiB of
 * YAML written out holds at most ~32,000 values (`[1,1,…]`), so only aliases reach this; ten of
 * them nested nine deep (the "billion laughs") expand to 10⁹, which would hang whatever reads them.
 */
export const MAX_FRONTMATTER_VALUES = 100_000;

/** A file's frontmatter and body, with what is needed to point at lines. */
export interface Parsed {
  /** The frontmatter as YAML gave it (an empty object when there is none). */
  data: Record<string, unknown>;
  /** The Markdown after the frontmatter. */
  body: string;
  /** How many lines precede the body (the frontmatter block, `---` lines included). */
  bodyOffset: number;
  /** The line (1-based, in the file) of a top-level frontmatter key. */
  lineOf: LineOf;
  /** The same, as a plain object. */
  lines: Record<string, number>;
}

const FENCE = /^---[ \t]*\r?\n/;

/** Parses frontmatter; returns a problem naming the line instead of throwing on bad YAML. */
export function parseFrontmatter(raw: string, file: string): { ok: true; value: Parsed } | { ok: false; problem: Problem } {
  const source = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!FENCE.test(source)) {
    return { ok: true, value: { data: {}, body: source, bodyOffset: 0, lineOf: () => undefined, lines: {} } };
  }
  const close = /\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/.exec(source.slice(3));
  if (!close) {
    return {
      ok: false,
      problem: {
        file,
        line: 1,
        message: 'the frontmatter that starts on line 1 is never closed',
        hint: 'add a line with just --- after the last field',
        severity: 'error',
      },
    };
  }
  const size = Buffer.byteLength(source.slice(0, close.index + 3), 'utf8');
  if (size > MAX_FRONTMATTER_BYTES) {
    return {
      ok: false,
      problem: {
        file,
        line: 1,
        message: `the frontmatter is ${size.toLocaleString('en')} bytes long; the limit is ${MAX_FRONTMATTER_BYTES.toLocaleString('en')} bytes (64 KiB)`,
        hint: 'keep only the fields Grove reads in the frontmatter; move long text into the page body',
        severity: 'error',
      },
    };
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options disable gray-matter's cache, which would otherwise keep every file in memory.
    parsed = matter(source, { excerpt: false, engines });
  } catch (err) {
    if (err instanceof RangeError) {
      // js-yaml reads nested lists and mappings recursively: `[[[[…` thousands deep overflows its stack.
      return {
        ok: false,
        problem: {
          file,
          line: 1,
          message: 'the frontmatter nests lists or mappings too deeply to read',
          hint: 'write nested values out flat; frontmatter fields need one or two levels',
          severity: 'error',
        },
      };
    }
    const e = err as { reason?: string; mark?: { line?: number; column?: number }; message?: string };
    // js-yaml counts from the line break after the opening `---`, which is line 1 of the file.
    const line = e.mark?.line !== undefined ? e.mark.line + 1 : 1;
    return {
      ok: false,
      problem: {
        file,
        line,
        message: `the frontmatter is not valid YAML: ${e.reason ?? e.message ?? String(err)}`,
        hint: 'check indentation, and quote values that contain ": " or start with a special character',
        severity: 'error',
      },
    };
  }
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problem: { file, line: 2, message: 'the frontmatter must be a list of `field: value` lines', severity: 'error' },
    };
  }
  const bodyOffset = countLines(source.slice(0, source.length - parsed.content.length));
  const head = source.slice(0, source.length - parsed.content.length).split(/\r?\n/);
  const lines: Record<string, number> = {};
  head.forEach((l, i) => {
    const key = topLevelKey(l);
    if (key && !Object.hasOwn(lines, key)) lines[key] = i + 1;
  });
  const bomb = aliasBomb(data, (k) => lines[k]);
  if (bomb) return { ok: false, problem: { file, ...bomb } };
  return { ok: true, value: { data, body: parsed.content, bodyOffset, lineOf: (k) => (Object.hasOwn(lines, k) ? lines[k] : undefined), lines } };
}

/**
 * The key of a top-level `key: value` line: the text before the first `:` that is followed by a
 * space or the end of the line, without surrounding quotes (a scan: the regular expression it
 * replaces, /^([^\s#:][^:]*?)\s*:(\s|$)/, was quadratic on a long line of spaces).
 */
function topLevelKey(l: string): string | undefined {
  const first = l.charCodeAt(0);
  if (Number.isNaN(first) || first === 35 /* # */ || first === 58 /* : */ || /\s/.test(l[0]!)) return undefined;
  const colon = l.indexOf(':');
  if (colon < 0) return undefined;
  const after = l[colon + 1];
  if (after !== undefined && !/\s/.test(after)) return undefined;
  let key = l.slice(0, colon).trimEnd();
  if (key.startsWith('"') || key.startsWith("'")) key = key.slice(1);
  if (key.endsWith('"') || key.endsWith("'")) key = key.slice(0, -1);
  return key;
}

/**
 * The first top-level field whose value, with YAML aliases followed, holds more than
 * MAX_FRONTMATTER_VALUES values or refers to itself. js-yaml shares an aliased value instead of
 * copying it, so the data is small in memory, but anything that walks it (validation, the content
 * store, JSON) meets every copy. Counted without recursion, each shared value once.
 */
function aliasBomb(data: Record<string, unknown>, lineOf: (key: string) => number | undefined): Omit<Problem, 'file'> | undefined {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  const sizeOf = (root: unknown): number | 'cycle' => {
    if (root === null || typeof root !== 'object') return 1;
    const stack: Array<{ node: object; children: unknown[]; next: number; total: number }> = [];
    const enter = (node: object) => {
      onPath.add(node);
      stack.push({ node, children: Array.isArray(node) ? node : Object.values(node), next: 0, total: 1 });
    };
    enter(root);
    let done = 0;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.children.length) {
        const c = top.children[top.next++];
        if (c === null || typeof c !== 'object') top.total += 1;
        else if (sizes.has(c)) top.total += sizes.get(c)!;
        else if (onPath.has(c)) return 'cycle';
        else enter(c);
        continue;
      }
      stack.pop();
      onPath.delete(top.node);
      sizes.set(top.node, top.total);
      done = top.total;
      if (stack.length) stack[stack.length - 1]!.total += top.total;
    }
    return done;
  };
  for (const [key, value] of Object.entries(data)) {
    const size = sizeOf(value);
    if (size === 'cycle') {
      onPath.clear();
      return { line: lineOf(key), field: key, message: 'refers to itself through a YAML alias (*name inside &name)', hint: 'write the value out instead of using an alias', severity: 'error' };
    }
    if (size > MAX_FRONTMATTER_VALUES) {
      return {
        line: lineOf(key),
        field: key,
        message: `uses YAML aliases that expand to ${size.toLocaleString('en')} values; the limit is ${MAX_FRONTMATTER_VALUES.toLocaleString('en')}`,
        hint: 'write the list out instead of repeating *aliases',
        severity: 'error',
      };
    }
  }
  return undefined;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** The first ATX `# heading` of a body, outside code fences; undefined when there is none. */
export function firstHeading(body: string): string | undefined {
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      // A fence closes only with the same character, at least as many times (CommonMark 4.5).
      if (!fence) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length && !/\S/.test(line.slice(line.indexOf(f[1]!) + f[1]!.length))) fence = undefined;
      continue;
    }
    if (fence) continue;
    const text = atxHeadingText(line);
    if (text !== undefined) return stripEmphasis(text.replace(/`/g, '')).trim();
  }
  return undefined;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The text of a level-1 ATX heading line (`# Title ##`), or undefined when the line is not one.
 * A scan with the meaning of /^\s{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/, which took quadratic time
 * on a long heading of spaces.
 */
function atxHeadingText(line: string): string | undefined {
  let i = 0;
  while (i < 3 && /\s/.test(line[i] ?? 'x')) i++;
  if (line[i] !== '#' || !isBlank(line[i + 1])) return undefined;
  i++;
  const spaces = i;
  while (isBlank(line[i])) i++;
  if (/[\r\n\u2028\u2029]/.test(line)) return undefined;
  let end = line.length;
  // The heading text needs a character: when only blanks follow the `#`, the last blank is the text.
  if (i === end) return i - spaces >= 2 ? line[end - 1] : undefined;
  while (end > i && isBlank(line[end - 1])) end--;
  // A closing sequence of `#`s, after a blank, is not part of the text.
  let h = end;
  while (h > i && line[h - 1] === '#') h--;
  if (h < end && h > i && isBlank(line[h - 1])) {
    let t = h;
    while (t > i && isBlank(line[t - 1])) t--;
    if (t > i) end = t;
  }
  return line.slice(i, end);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Removes emphasis markers from heading text: `**x**`, `__x__`, `*x*`, then `_x_` at word
 * boundaries. The same result as the regular expressions
 * /(\*\*|__|\*)(\S(?:.*?\S)?)\1/g and /(?<![\p{L}\p{N}])_(\S(?:.*?\S)?)_(?![\p{L}\p{N}])/gu, which
 * searched to the end of the text from every marker (quadratic on `*a *a *a …`); here the closing
 * marker for each opening one is found by a pointer that only moves forward.
 */
export function stripEmphasis(text: string): string {
  const first = replacePairs(
    text,
    ['**', '__', '*'],
    () => true,
    () => true,
  );
  return replacePairs(
    first,
    ['_'],
    (s, i) => i === 0 || !LETTER_OR_DIGIT.test(s[i - 1]!),
    (s, p) => p + 1 >= s.length || !LETTER_OR_DIGIT.test(s[p + 1]!),
  );
}

/**
 * Replaces each `d…d` (d one of `delims`, tried in order, the text between starting and ending
 * with a non-space: the shortest of two characters or more, else one) by the text between, left to
 * right without overlaps.
 */
function replacePairs(s: string, delims: readonly string[], opens: (s: string, i: number) => boolean, closes: (s: string, p: number) => boolean): string {
  const nonSpace = (i: number) => i >= 0 && i < s.length && !/\s/.test(s[i]!);
  // Where each delimiter may close: it is there, a non-space precedes it and `closes` allows it.
  const closers = delims.map((d) => {
    const at: number[] = [];
    for (let p = s.indexOf(d, 1); p >= 0; p = s.indexOf(d, p + 1)) if (nonSpace(p - 1) && closes(s, p)) at.push(p);
    return { d, at, next: 0 };
  });
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length;) {
    let matched = false;
    for (const c of closers) {
      if (!s.startsWith(c.d, i) || !opens(s, i) || !nonSpace(i + c.d.length)) continue;
      // The text between is one non-space, or (preferred, as the regular expression's greedy `?` did) longer.
      const inside = i + c.d.length;
      while (c.next < c.at.length && c.at[c.next]! < inside + 2) c.next++;
      let p = c.next < c.at.length ? c.at[c.next]! : -1;
      if (p < 0 && s.startsWith(c.d, inside + 1) && closes(s, inside + 1)) p = inside + 1;
      if (p < 0) continue;
      out += s.slice(from, i) + s.slice(i + c.d.length, p);
      i = from = p + c.d.length;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return out + s.slice(from);
}

/**
 * Counts the words a reader reads: code blocks and markup excluded. One pass per step, each linear
 * (the regular expressions this replaces searched to the end of the body from every `<` and every
 * `](`: 400 KB of `<` took minutes).
 */
export function countWords(body: string): number {
  const prose = dropSpans(dropSpans(dropFencedBlocks(body), '<', '>', ' ', 1), '](', ')', ']', 0);
  const m = prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

/**
 * Replaces every fenced code block by a space, as /^(`{3,}|~{3,})[\s\S]*?^\1/gm did: a line starting
 * with 3 or more backticks (or tildes) runs to the first later line starting with as many, or with
 * fewer (3 at least) when no later line has as many.
 */
function dropFencedBlocks(body: string): string {
  const starts: number[] = [];
  const runs: number[] = [];
  const chars: string[] = [];
  for (let start = 0; start <= body.length;) {
    const c = body[start];
    let r = 0;
    if (c === '`' || c === '~') while (body[start + r] === c) r++;
    starts.push(start);
    runs.push(r >= 3 ? r : 0);
    chars.push(c ?? '');
    const end = body.indexOf('\n', start);
    if (end < 0) break;
    start = end + 1;
  }
  // The longest run of each character on any later line.
  const laterMax = { '`': new Int32Array(starts.length + 1), '~': new Int32Array(starts.length + 1) };
  for (let i = starts.length - 1; i >= 0; i--) {
    for (const ch of ['`', '~'] as const) laterMax[ch][i] = Math.max(laterMax[ch][i + 1]!, chars[i] === ch ? runs[i]! : 0);
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < starts.length; i++) {
    const ch = chars[i] as '`' | '~';
    if (!runs[i]) continue;
    const k = Math.min(runs[i]!, laterMax[ch][i + 1]!);
    if (k < 3) continue;
    let j = i + 1;
    while (!(chars[j] === ch && runs[j]! >= k)) j++;
    out += `${body.slice(from, starts[i])} `;
    from = starts[j]! + k;
    i = j;
  }
  return out + body.slice(from);
}

/**
 * Replaces every span from `open` to the next `close`, with at least `minInside` characters
 * between, by `by`: the meaning of /<[^>]+>/g and /\]\([^)]*\)/g, in one pass.
 */
function dropSpans(s: string, open: string, close: string, by: string, minInside: number): string {
  let out = '';
  let from = 0;
  for (let i = s.indexOf(open); i >= 0;) {
    const j = s.indexOf(close, i + open.length);
    // No closing character after this opening one: none after any later one either.
    if (j < 0) break;
    if (j - (i + open.length) < minInside) {
      i = s.indexOf(open, i + 1);
      continue;
    }
    out += s.slice(from, i) + by;
    from = j + close.length;
    i = s.indexOf(open, from);
  }
  return out + s.slice(from);
}
