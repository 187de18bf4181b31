/**
 * Splits a Markdown file into frontmatter and body, keeping the line numbers a user needs to find a
 * problem in the file as it is on disk: gray-matter splits the file, the `yaml` package reads the
 * frontmatter into a document that knows where every field, list item and value is written.
 */
import matter from 'gray-matter';
import { isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem } from '../core/problems.ts';

/**
 * The most text a frontmatter block may hold. Real frontmatter is under 2 KiB (the longest in the
 * sample garden, a lesson with a five-question check, is 1.3 KiB); 64 KiB leaves room for foreign
 * vaults' metadata while keeping YAML parsing and field validation bounded.
 */
export const MAX_FRONTMATTER_BYTES = 64 * 1024;
/**
 * The most values a frontmatter may expand to once YAML aliases (`*name`) are followed. 64 KiB of
 * YAML written out holds at most ~32,000 values (`[1,1,…]`), so only aliases reach this; ten of
 * them nested nine deep (the "billion laughs") expand to 10⁹, which would hang whatever reads them.
 */
export const MAX_FRONTMATTER_VALUES = 100_000;
/**
 * The deepest `[` / `{` nesting a frontmatter may use. Fields need two or three levels; the `yaml`
 * package takes seconds, and runs out of memory, on tens of thousands (`[{[{…`), so deeper input is
 * refused before it is parsed.
 */
export const MAX_FRONTMATTER_DEPTH = 100;

/**
 * YAML's core schema: no implicit timestamps (`2025-13-40` stays text, so the date schema rejects
 * it and names the line) and YAML 1.2 booleans (`yes`, `no`, `on` stay text). Duplicate keys are
 * found by `checkKeys` in one pass (the `yaml` package's own check compares every key with every
 * other); aliases are counted by `aliasBomb`, with limits of its own.
 */
const YAML_OPTIONS = { schema: 'core', prettyErrors: false, uniqueKeys: false } as const;

/** A place in the file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A frontmatter field's path, as a schema names it: `['check', 2, 'answer']`. */
export type FieldPath = readonly PropertyKey[];

/** A file's frontmatter and body, with what is needed to point at lines. */
export interface Parsed {
  /** The frontmatter as YAML gave it (an empty object when there is none). */
  data: Record<string, unknown>;
  /** The Markdown after the frontmatter. */
  body: string;
  /** How many lines precede the body (the frontmatter block, `---` lines included). */
  bodyOffset: number;
  /** The line (1-based, in the file) of a top-level frontmatter key; undefined when it is not there. */
  lineOf: (key: string) => number | undefined;
  /**
   * Where a field is written in the file, by its path at any depth (`['check', 2, 'answer']`): the
   * line and column of its key (of the item, in a list). A field that is not written points at its
   * nearest written parent, and a missing top-level field at the opening `---`; undefined only when
   * the file has no frontmatter.
   */
  positionOf: (path: FieldPath) => Position | undefined;
  /** The line of each top-level key, as a plain object. */
  lines: Record<string, number>;
  /** A top-level field's value as written in the file, when it is a single value (`0.90`, not the number 0.9). */
  textOf?: (key: string) => string | undefined;
}

const FENCE = /^---[ \t]*\r?\n/;

type Result = { ok: true; value: Parsed } | { ok: false; problem: Problem };

/** Parses frontmatter; returns a problem naming the line instead of throwing on bad YAML. */
export function parseFrontmatter(raw: string, file: string): Result {
  const source = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!FENCE.test(source)) {
    return { ok: true, value: { data: {}, body: source, bodyOffset: 0, lineOf: () => undefined, positionOf: () => undefined, lines: {} } };
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
  // gray-matter hands the engine the text after the opening `---` (the rest of that line first), so
  // line n of the YAML text is line n of the file.
  const yaml: { doc?: Document.Parsed; lines?: LineCounter; problem?: Omit<Problem, 'file'> } = {};
  const parse = (text: string): object => {
    // gray-matter ends the text before the `\n` of the closing `---` line: with CRLF, a `\r` is left
    // over, which the `yaml` package would keep at the end of the last value.
    const read = readYaml(text.endsWith('\r') ? text.slice(0, -1) : text);
    Object.assign(yaml, read);
    return read.data ?? {};
  };
  // Options disable gray-matter's cache, which would otherwise keep every file in memory.
  const parsed = matter(source, { excerpt: false, engines: { yaml: { parse } } });
  if (yaml.problem) return { ok: false, problem: { file, ...yaml.problem } };
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problem: { file, line: 2, message: 'the frontmatter must be a list of `field: value` lines', severity: 'error' },
    };
  }
  const head = source.slice(0, source.length - parsed.content.length);
  const bodyOffset = countLines(head);
  const { doc, lines: counter } = yaml;
  const lines: Record<string, number> = {};
  const texts = new Map<string, string>();
  if (doc && counter && isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = keyText(pair.key);
      const at = startOf(pair.key);
      if (key !== undefined && at !== undefined && !Object.hasOwn(lines, key)) lines[key] = counter.linePos(at).line;
      if (key !== undefined && isScalar(pair.value) && typeof pair.value.source === 'string') texts.set(key, pair.value.source);
    }
  }
  const textOf = (k: string) => texts.get(k);
  const lineOf = (k: string) => (Object.hasOwn(lines, k) ? lines[k] : undefined);
  const bomb = aliasBomb(data as Record<string, unknown>, lineOf);
  if (bomb) return { ok: false, problem: { file, ...bomb } };
  const positionOf = (path: FieldPath): Position => {
    const at = doc && counter ? offsetOf(doc, path) : undefined;
    if (at === undefined) return { line: 1, column: 1 };
    const { line, col } = counter!.linePos(at);
    return { line, column: col };
  };
  return { ok: true, value: { data: data as Record<string, unknown>, body: parsed.content, bodyOffset, lineOf, positionOf, lines, textOf } };
}

const TOO_DEEP = {
  line: 1,
  message: 'the frontmatter nests lists or mappings too deeply to read',
  hint: 'write nested values out flat; frontmatter fields need one or two levels',
  severity: 'error',
} as const;

/** Reads the YAML text of a frontmatter block into a document and its data, or a problem. */
function readYaml(text: string): { doc?: Document.Parsed; lines?: LineCounter; data?: unknown; problem?: Omit<Problem, 'file'> } {
  if (flowDepth(text) > MAX_FRONTMATTER_DEPTH) return { problem: TOO_DEEP };
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  // Warnings (an unknown `!tag`) are errors too: the value would not be what the author meant.
  const errors = [...doc.errors, ...doc.warnings];
  if (errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) return { problem: TOO_DEEP };
  if (errors.length) {
    const first = errors[0]!;
    // A key indented under a value (`title: Hello` then `  stage: x`) reads as one key over two
    // lines: the line to fix is the one where it ends.
    const multiline = errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === first.pos[0]);
    const line = multiline ? lines.linePos(Math.max(multiline.pos[1] - 1, multiline.pos[0])).line : lines.linePos(first.pos[0]).line;
    const reason = (multiline ?? first).message;
    return {
      problem: {
        line,
        message: `the frontmatter is not valid YAML: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
        hint: 'check indentation, and quote values that contain ": " or start with a special character',
        severity: 'error',
      },
    };
  }
  const keys = checkKeys(doc, lines);
  if (keys) return { problem: keys };
  try {
    // Aliases share the value they point to; aliasBomb counts what they expand to, with a message.
    return { doc, lines, data: doc.toJS({ maxAliasCount: -1 }) };
  } catch (err) {
    if (err instanceof RangeError) return { problem: TOO_DEEP };
    throw err;
  }
}

/**
 * How deep `[` and `{` nest in a YAML text, as YAML's own lexer reads it (a bracket inside quotes
 * does not count). Most frontmatter has fewer brackets than the limit, and is not lexed twice.
 */
function flowDepth(text: string): number {
  let brackets = 0;
  for (let i = 0; i < text.length && brackets <= MAX_FRONTMATTER_DEPTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) brackets++;
  }
  if (brackets <= MAX_FRONTMATTER_DEPTH) return brackets;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_FRONTMATTER_DEPTH) return depth;
    } else if (token === ']' || token === '}') depth--;
  }
  return 0;
}

/** A mapping key as data sees it (`1:` is "1", `null:` is ""); undefined for a list or mapping. */
function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null || key.value === undefined ? '' : String(key.value);
}

/** Where a node starts in the YAML text. */
function startOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

/**
 * The first key given twice in one mapping, or a key that is a list or mapping (`[a, b]: c`, which
 * no field is called, and whose text the `yaml` package would rebuild at every level: exponential
 * on `{{{…`). One pass over the document, without recursion and without following aliases.
 */
function checkKeys(doc: Document.Parsed, lines: LineCounter): Omit<Problem, 'file'> | undefined {
  const stack: Array<{ node: unknown; path: string[] }> = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const at = startOf(pair.key) ?? startOf(pair.value) ?? 0;
        const line = lines.linePos(at).line;
        if (key === undefined) {
          return {
            line,
            field: path.join('.') || undefined,
            message: 'a field name must be text, not a list or mapping',
            hint: 'write each field as `name: value`',
            severity: 'error',
          };
        }
        const first = seen.get(key);
        if (first !== undefined) {
          return { line, field: [...path, key].join('.'), message: `is given twice (first on line ${first})`, hint: 'keep one of the two', severity: 'error' };
        }
        seen.set(key, line);
        stack.push({ node: pair.value, path: [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, String(i)] }));
    }
  }
  return undefined;
}

/**
 * Where the field at `path` is written: the offset of its key (of the item, in a list), else of its
 * nearest written parent; undefined when not even the first step is written.
 */
function offsetOf(doc: Document.Parsed, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let at: number | undefined;
  for (const step of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(step));
      if (!pair) break;
      at = startOf(pair.key) ?? startOf(pair.value) ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item: unknown = node.items[step];
      if (item === undefined) break;
      at = startOf(item) ?? at;
      node = item;
    } else break;
  }
  return at;
}

/**
 * The first top-level field whose value, with YAML aliases followed, holds more than
 * MAX_FRONTMATTER_VALUES values or refers to itself. The `yaml` package shares an aliased value
 * instead of copying it, so the data is small in memory, but anything that walks it (validation, the
 * content store, JSON) meets every copy. Counted without recursion, each shared value once.
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
