/**
 * The one friendly formatter for settings and frontmatter: turns schema issues into Problems that
 * name the file, the line, the field, the bad value and the allowed values. Starlight's
 * `utils/error-map.ts` does the same for its config.
 */
import type { z } from 'zod';
import type { Problem } from './problems.ts';
import { closest } from './near.ts';

/** Shows a value the way the user wrote it, shortened. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${showValue(v)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  array: 'a list',
  object: 'a mapping of fields',
  boolean: 'true or false',
  date: 'a date',
};

/** Converts one schema issue into a message for the user, with the allowed values as the hint. */
function describe(issue: z.core.$ZodIssue): { message: string; hint?: string } {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { message: 'is required', hint: `add \`${String(issue.path.at(-1))}:\`` };
      return { message: `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeName(input)}` };
    case 'invalid_value':
      return {
        message: `expected one of ${issue.values.map((v) => String(v)).join(', ')}, got ${showValue(input)}`,
      };
    case 'too_small':
      return { message: issue.message.startsWith('Too small') ? `is too short or too small (minimum ${String(issue.minimum)})` : issue.message };
    case 'invalid_union':
      if (input === undefined) return { message: 'is required', hint: `add \`${String(issue.path.at(-1))}:\`` };
      // A union with its own message (dates, durations) says what to write.
      if (issue.message && !/^Invalid input/i.test(issue.message)) return { message: `${issue.message}, got ${typeName(input)}` };
      return { message: `got ${typeName(input)}, which is not allowed here` };
    default:
      return { message: issue.message };
  }
}

type Def = { type?: string; shape?: Record<string, unknown>; element?: unknown; innerType?: unknown; in?: unknown; out?: unknown; options?: unknown[] };
const defOf = (s: unknown): Def => ((s as { _zod?: { def?: Def } })?._zod?.def ?? {}) as Def;

/** The keys of the object schema at `path` inside `schema` (through lists, defaults, unions). */
export function keysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  let found: string[] = [];
  const walk = (s: unknown, rest: readonly PropertyKey[]): void => {
    const d = defOf(s);
    switch (d.type) {
      case 'object':
        if (rest.length === 0) found = found.length ? found : Object.keys(d.shape ?? {});
        else walk(d.shape?.[String(rest[0])], rest.slice(1));
        return;
      case 'array':
        walk(d.element, typeof rest[0] === 'number' ? rest.slice(1) : rest);
        return;
      case 'default':
      case 'optional':
      case 'nullable':
      case 'prefault':
      case 'readonly':
      case 'catch':
        walk(d.innerType, rest);
        return;
      case 'pipe':
        walk(d.in, rest);
        walk(d.out, rest);
        return;
      case 'union':
        for (const o of d.options ?? []) walk(o, rest);
        return;
      default:
    }
  };
  walk(schema, path);
  return found;
}

/**
 * The line (1-based, in the file) where the field at a path is written (`['check', 2, 'answer']`),
 * or its nearest written parent when it is missing.
 */
export type LineOf = (path: readonly PropertyKey[]) => number | undefined;

/**
 * Validates `data` against `schema`. Returns the parsed value, or the problems, each naming the
 * file, the line of its own field (when `lineOf` knows it) and the dotted field path.
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown, file: string, lineOf: LineOf = () => undefined): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      // One line per unknown key, named as the field, with the closest key of the object it is in.
      const knownKeys = keysAt(schema, issue.path);
      return issue.keys.map((k) => {
        const near = closest(k, knownKeys, 1);
        const prefix = issue.path.map(String).join('.');
        return {
          file,
          line: lineOf([...issue.path, k]),
          field: prefix ? `${prefix}.${k}` : k,
          message: 'unknown field',
          hint: near.length ? `did you mean "${near[0]}"?` : `allowed: ${knownKeys.join(', ')}`,
          severity: 'error',
        };
      });
    }
    const { message, hint } = describe(issue);
    const field = issue.path.map(String).join('.');
    return [
      {
        file,
        line: lineOf(issue.path),
        field: field || undefined,
        message,
        hint,
        severity: 'error',
      },
    ];
  });
  return { ok: false, problems };
}
