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
import type { Problem } from './problems.ts';
import type { LineOf } from './validate.ts';

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
  if (!/\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/.test(source.slice(3))) {
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
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options disable gray-matter's cache, which would otherwise keep every file in memory.
    parsed = matter(source, { excerpt: false, engines });
  } catch (err) {
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
    const m = /^([^\s#:][^:]*?)\s*:(\s|$)/.exec(l);
    const key = m?.[1]?.replace(/^["']|["']$/g, '');
    if (key && !Object.hasOwn(lines, key)) lines[key] = i + 1;
  });
  return { ok: true, value: { data, body: parsed.content, bodyOffset, lineOf: (k) => (Object.hasOwn(lines, k) ? lines[k] : undefined), lines } };
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
    const m = /^\s{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (m) return m[1]!.replace(/`/g, '').replace(/(\*\*|__|\*)(\S(?:.*?\S)?)\1/g, '$2').replace(/(?<![\p{L}\p{N}])_(\S(?:.*?\S)?)_(?![\p{L}\p{N}])/gu, '$1').trim();
  }
  return undefined;
}

/** Counts the words a reader reads: code blocks and markup excluded. */
export function countWords(body: string): number {
  const prose = body
    .replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']');
  const m = prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}
