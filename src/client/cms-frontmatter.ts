/**
 * The CMS's file format (docs/cms.md): Markdown with YAML frontmatter, read as Decap CMS reads it,
 * but saved by changing only what the editor changed. Decap re-writes the whole frontmatter in its
 * own YAML style on every save (flow lists as block lists, long text folded, comments dropped), so
 * the first save of a page had a diff larger than the change. Here the file's text is kept from
 * load to save (in the entry's data, under ORIGINAL_KEY, which Decap carries along as it carries any
 * field it has no widget for), and a save splices new text in for the top-level fields whose values
 * changed, removes the fields removed, and inserts the fields added: every other byte (untouched
 * fields, comments, key order, the body when it is unchanged) stays as it was.
 *
 * Pure (no DOM): src/client/cms.ts registers it with `CMS.registerCustomFormat`; tests/unit/
 * cms-frontmatter.test.ts checks that untouched fields keep their bytes and changed ones read back.
 */
import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, Pair, Scalar, YAMLMap, type Node } from 'yaml';

/** The entry-data key holding the file's text as loaded (never written to a file). */
export const ORIGINAL_KEY = '__grove_original';

type Data = Record<string, unknown>;

/** A file split as gray-matter (and so Decap) splits it: the frontmatter's text and where the body starts. */
interface Split {
  /** The YAML between the fences. */
  yaml: string;
  /** Offset of the YAML in the file. */
  start: number;
  /** The body: everything after the closing fence's line. */
  body: string;
  /** The file up to the body (both fences included). */
  head: string;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*(?:\r?\n|$)/m;

/** Splits `---\n<yaml>---\n<body>`; undefined when the file has no frontmatter. */
export function splitFrontmatter(text: string): Split | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const start = open[0].length;
  // The closing fence may follow the opening one directly (empty frontmatter).
  const rest = text.slice(start);
  const close = CLOSE.exec(rest);
  if (!close) return undefined;
  const end = start + close.index + close[0].length;
  return { yaml: rest.slice(0, close.index), start, body: text.slice(end), head: text.slice(0, end) };
}

/** Reads a file as Decap's YAML frontmatter format does (its fields, and `body` when there is one), keeping its text. */
export function readEntry(text: string): Data {
  const split = splitFrontmatter(text);
  const body = split ? split.body : text;
  const data: Data = {};
  if (split) {
    const doc = parseDocument(split.yaml);
    if (doc.errors.length > 0) throw new Error(`YAML parsing error:\n${doc.errors.map((e) => e.message).join('\n')}`);
    const values = doc.toJS() as unknown;
    if (values && typeof values === 'object' && !Array.isArray(values)) Object.assign(data, values);
  }
  if (body.trim()) data.body = body;
  data[ORIGINAL_KEY] = text;
  return data;
}

/** Deep equality of the plain values Decap hands back (strings, numbers, booleans, null, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const [ka, kb] = [Object.keys(a), Object.keys(b)];
    return ka.length === kb.length && ka.every((k) => k in b && sameValue((a as Data)[k], (b as Data)[k]));
  }
  return false;
}

/** How the original file writes a field, so a changed value keeps the look: flow or block, quotes, list indent. */
interface Style {
  flow?: boolean;
  quote?: Scalar.Type;
  indentSeq?: boolean;
  padding?: boolean;
}

function styleOf(node: unknown, text: string, column: number): Style {
  if (isCollection(node)) {
    if (node.flow) return { flow: true, padding: /^[[{][ \t]/.test(text.slice((node as Node).range![0])) };
    if (isSeq(node) && node.items.length > 0) {
      const first = node.items[0] as Node | undefined;
      const at = first?.range?.[0];
      // `- item` at the key's column, or indented under it.
      if (at !== undefined) return { indentSeq: columnOf(text, at) - 2 > column };
    }
    return {};
  }
  if (isScalar(node) && typeof node.value === 'string' && node.type && node.type !== 'PLAIN') return { quote: node.type };
  return {};
}

const columnOf = (text: string, at: number) => at - (text.lastIndexOf('\n', at - 1) + 1);

/** `key: value` as YAML text in the given style, at column 0, without a final newline. */
function pairText(key: string, value: unknown, style: Style, column: number): string {
  const doc = new Document();
  const node = doc.createNode(value);
  if (style.flow && isCollection(node)) node.flow = true;
  if (style.quote && isScalar(node) && typeof node.value === 'string') node.type = style.quote;
  const map = new YAMLMap();
  map.items.push(new Pair(doc.createNode(key), node));
  doc.contents = map;
  const out = doc.toString({ lineWidth: 0, indentSeq: style.indentSeq ?? true, flowCollectionPadding: style.padding ?? false }).replace(/\n$/, '');
  // Continuation lines indented as the key is (top-level keys are at column 0 in every Grove file).
  return column > 0 ? out.replace(/\n/g, `\n${' '.repeat(column)}`) : out;
}

/** A YAML document for a new file: the fields in the form's order (then any others), no folding. */
function freshYaml(meta: Data, sortedKeys: readonly string[]): string {
  const keys = Object.keys(meta).sort((a, b) => rank(sortedKeys, a) - rank(sortedKeys, b));
  const ordered: Data = {};
  for (const k of keys) ordered[k] = meta[k];
  return keys.length > 0 ? new Document(ordered).toString({ lineWidth: 0 }) : '';
}

const rank = (order: readonly string[], key: string) => {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
};

/** The end of a node's value text, before trailing blank space. */
function valueEnd(yaml: string, pair: Pair): number {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  let end = value?.range ? Math.max(value.range[1], key.range![1]) : key.range![1];
  while (end > 0 && /\s/.test(yaml[end - 1]!)) end--;
  return end;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
};

/**
 * The frontmatter `yaml` with the top-level fields of `meta`: fields whose value is unchanged keep
 * their text; changed ones are re-written in place in their old style; removed ones go with their
 * lines; new ones come after the field before them in `sortedKeys` (the form's order). Undefined when
 * the text is not a map of fields (then the caller writes a fresh document).
 */
export function mergeYaml(yaml: string, meta: Data, sortedKeys: readonly string[] = []): string | undefined {
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0) return undefined;
  if (doc.contents === null) return undefined;
  if (!isMap(doc.contents) || doc.contents.flow) return undefined;
  const before = doc.toJS() as Data;
  const edits: Array<{ from: number; to: number; text: string }> = [];
  const ends = new Map<string, number>();
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !(pair.key as Node).range) return undefined;
    const key = String(pair.key.value);
    const from = (pair.key as Node).range![0];
    const end = valueEnd(yaml, pair);
    ends.set(key, lineEnd(yaml, end));
    if (!Object.hasOwn(meta, key)) {
      edits.push({ from: lineStart(yaml, from), to: lineEnd(yaml, end), text: '' });
    } else if (!sameValue(before[key], meta[key])) {
      const column = columnOf(yaml, from);
      edits.push({ from, to: end, text: pairText(key, meta[key], styleOf(pair.value, yaml, column), column) });
    }
  }
  // New fields, each after the nearest field before it in the form's order that the file has.
  const added = Object.keys(meta).filter((k) => !Object.hasOwn(before, k) && meta[k] !== undefined);
  for (const key of added.sort((a, b) => rank(sortedKeys, a) - rank(sortedKeys, b))) {
    const i = sortedKeys.indexOf(key);
    const prev =
      i === -1
        ? undefined
        : sortedKeys
            .slice(0, i)
            .reverse()
            .find((k) => ends.has(k));
    // Without a field before it in the form, before the first field (after a leading comment); a field the form does not know, last.
    const first = doc.contents.items[0]?.key as Node | undefined;
    const at = prev ? ends.get(prev)! : i === -1 || !first ? yaml.length : lineStart(yaml, first.range![0]);
    const lead = at === yaml.length && at > 0 && !yaml.endsWith('\n') ? '\n' : '';
    edits.push({ from: at, to: at, text: `${lead}${pairText(key, meta[key], {}, 0)}\n` });
    ends.set(key, at);
  }
  // Apply from the end so earlier offsets stay valid; insertions at one place keep their order.
  let out = yaml;
  const sorted = edits.map((e, n) => ({ ...e, n })).sort((a, b) => b.from - a.from || b.to - a.to || b.n - a.n);
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/**
 * Writes an entry's data back to a file. With the text it was loaded from, only what changed
 * changes (mergeYaml; the body's bytes too when it is unchanged); without (a new entry, or a file
 * whose frontmatter is not a plain map), a fresh file in the form's field order.
 */
export function writeEntry(data: Data, sortedKeys: readonly string[] = []): string {
  const { body = '', [ORIGINAL_KEY]: original, ...rest } = data;
  const meta: Data = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) meta[k] = v;
  const text = typeof body === 'string' ? body : String(body);
  if (typeof original === 'string') {
    const split = splitFrontmatter(original);
    const merged = split && mergeYaml(split.yaml, meta, sortedKeys);
    if (split && merged !== undefined) {
      const head = original.slice(0, split.start) + merged + split.head.slice(split.start + split.yaml.length);
      // An unchanged body keeps its bytes (Decap's data has no `body` when the file's is blank).
      const unchanged = text === split.body || (!text && !split.body.trim());
      return head + (unchanged ? split.body : withNewline(text));
    }
  }
  return `---\n${freshYaml(meta, sortedKeys)}---\n${withNewline(text)}`;
}

const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
