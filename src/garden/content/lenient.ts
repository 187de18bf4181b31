/**
 * Lenient frontmatter, for notes imported from a repository that was not written for Grove (a
 * `notes` layout source): foreign keys are read as Grove's fields (`desc` → `summary`), Grove's
 * fields written in foreign forms are converted (a date as epoch milliseconds, a title that YAML
 * reads as a number), and what cannot be converted is left out with one warning for the file, never
 * an error. Grove-native pages (a `garden` layout) stay strict.
 */
import { DEFAULT_NOTES_FIELDS, NOTE_FIELD_NAMES } from '../settings/config.ts';
import type { Problem } from '../core/problems.ts';
import { showValue } from '../core/validate.ts';
import { LANG_TAG, NOTE_KINDS, STAGES } from './schemas.ts';

type NoteField = (typeof NOTE_FIELD_NAMES)[number];

const GROVE_FIELDS: ReadonlySet<string> = new Set(NOTE_FIELD_NAMES);
const DATE_FIELDS: ReadonlySet<string> = new Set(['created', 'updated', 'reviewed']);
const TEXT_FIELDS: ReadonlySet<string> = new Set(['title', 'summary']);
const LIST_FIELDS: ReadonlySet<string> = new Set(['topics', 'tags', 'authors', 'lessons', 'aliases']);
const CHOICES: Readonly<Record<string, readonly string[]>> = { kind: NOTE_KINDS, stage: STAGES };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** A month by its name or its first three letters (`sept` too). */
function monthOf(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m === n || m.slice(0, 3) === n || (n === 'sept' && m === 'september'));
  return i < 0 ? undefined : i + 1;
}

/** `YYYY-MM-DD` of a year, month and day, or undefined when no such day exists. */
function ymd(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || y < 1000 || y > 9999) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The smallest epoch value read as milliseconds: 1e11 ms is 1973-03-03, 1e11 s is the year 5138. */
const MS_FROM = 1e11;
/** The smallest epoch value read as seconds (1973-03-03); smaller numbers are not dates Grove can tell. */
const SECONDS_FROM = 1e8;

/** The UTC day of an epoch time in milliseconds, or undefined outside years 1000–9999. */
function fromEpochMs(ms: number): string | undefined {
  const t = new Date(ms);
  if (Number.isNaN(t.getTime())) return undefined;
  const y = t.getUTCFullYear();
  return y < 1000 || y > 9999 ? undefined : t.toISOString().slice(0, 10);
}

/**
 * A date in any form Grove reads, as `YYYY-MM-DD`; undefined when it is not one. Numbers are epoch
 * time: milliseconds from 1e11 (as Dendron writes `created`), seconds from 1e8 (Unix time), and
 * an 8-digit `YYYYMMDD`; digits in quotes count the same. Text may be `YYYY-MM-DD`, an ISO date and
 * time (`2021-03-04T05:06:07Z`, the day as written, the time dropped), `2021/03/04`, `2021.03.04`,
 * `March 4, 2021`, `4 March 2021`, `Mar 4 2021`, with an optional weekday in front. `03/04/2021` is
 * not read: it is the 3rd of April in most of the world and the 4th of March in the United States.
 */
export function looseDate(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : fromEpochMs(v.getTime());
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    if (Number.isInteger(v) && v >= 10_000_101 && v <= 99_991_231) return ymd(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
    if (v >= MS_FROM) return fromEpochMs(v);
    if (v >= SECONDS_FROM) return fromEpochMs(v * 1000);
    return undefined;
  }
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return s.length >= 8 ? looseDate(Number(s)) : undefined;
  const m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT))?)?$/i.exec(s);
  if (m) return ymd(+m[1]!, +m[3]!, +m[4]!);
  const words = s
    .replace(/^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i, '')
    .replace(/(\d)(st|nd|rd|th)\b/i, '$1')
    .replace(/,/g, ' ')
    .split(/\s+/);
  if (words.length !== 3) return undefined;
  // March 4 2021
  if (/^\d{1,2}$/.test(words[1]!) && /^\d{4}$/.test(words[2]!) && monthOf(words[0]!)) return ymd(+words[2]!, monthOf(words[0]!)!, +words[1]!);
  // 4 March 2021
  if (/^\d{1,2}$/.test(words[0]!) && /^\d{4}$/.test(words[2]!) && monthOf(words[1]!)) return ymd(+words[2]!, monthOf(words[1]!)!, +words[0]!);
  return undefined;
}

/** A value read as one line of text: numbers and true/false as written, empty text as not given. */
function looseText(v: unknown, written: string | undefined): string | undefined | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return written !== undefined && !/^["']/.test(written) ? written : String(v);
  return undefined;
}

/** A list of names: one name for a list of one, numbers as text; `undefined` when an item is neither. */
function looseList(v: unknown): string[] | undefined {
  const items = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      if (item.trim()) out.push(item);
    } else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
    else if (item !== null) return undefined;
  }
  return out;
}

/** Why a field was left out of a lenient note: the field and its value, for the one warning of the file. */
export interface Ignored {
  field: string;
  /** The key as written, when a mapping renamed it (`desc`). */
  key: string;
  value: unknown;
  /** What Grove reads there, for the hint. */
  expected: string;
}

/** What a lenient note's frontmatter became: the fields for the schema, and what was left out. */
export interface Lenient {
  data: Record<string, unknown>;
  ignored: Ignored[];
  /** The line of each Grove field, from the key it was read from. */
  lines: Record<string, number>;
}

/** What each kind of field accepts, said in a hint. */
function expectedOf(field: string): string {
  if (DATE_FIELDS.has(field)) return 'a date such as 2021-03-04';
  if (TEXT_FIELDS.has(field)) return 'text';
  if (LIST_FIELDS.has(field)) return 'a name or a list of names';
  if (field === 'lang') return 'a language tag such as de or pt-BR';
  const choices = CHOICES[field];
  return choices ? `one of ${choices.join(', ')}` : 'another form';
}

/**
 * Reads a note's frontmatter leniently: maps foreign keys to Grove's fields (the built-in mappings
 * and the source's `fields`, a Grove key as written winning over a mapped one), converts foreign
 * forms, drops empty values, and lists the fields it could not read.
 */
export function lenientNote(given: Record<string, unknown>, fields: Readonly<Record<string, NoteField | false>>, lines: Readonly<Record<string, number>>, textOf: (key: string) => string | undefined = () => undefined): Lenient {
  const mapping: Record<string, NoteField | false> = { ...DEFAULT_NOTES_FIELDS, ...fields };
  const data: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  const outLines: Record<string, number> = { ...lines };
  // Keys turned off (`stage: false`) are kept as data Grove does not read, under their own name.
  const off = new Set(Object.entries(mapping).filter(([, to]) => to === false).map(([k]) => k));
  for (const [key, value] of Object.entries(given)) {
    const to = Object.hasOwn(mapping, key) ? mapping[key] : undefined;
    if (to === false) continue;
    if (to && to !== key) {
      // The field under its own name wins; a mapped key fills it only when it is not written.
      if (Object.hasOwn(given, to) && !off.has(to)) continue;
      if (Object.hasOwn(from, to)) continue;
      data[to] = value;
      from[to] = key;
      if (lines[key] !== undefined) outLines[to] = lines[key];
      continue;
    }
    if (Object.hasOwn(from, key)) continue;
    data[key] = value;
    from[key] = key;
  }
  const ignored: Ignored[] = [];
  const drop = (field: string) => {
    ignored.push({ field, key: from[field]!, value: data[field], expected: expectedOf(field) });
    delete data[field];
  };
  for (const field of Object.keys(data)) {
    if (!Object.hasOwn(from, field) || off.has(from[field]!)) continue;
    const v = data[field];
    const written = textOf(from[field]!);
    if (DATE_FIELDS.has(field)) {
      if (typeof v === 'string' && v.trim() === '') delete data[field];
      else {
        const d = looseDate(v);
        if (d) data[field] = d;
        else drop(field);
      }
    } else if (TEXT_FIELDS.has(field)) {
      const t = looseText(v, written);
      if (t === null) delete data[field];
      else if (t === undefined) drop(field);
      else data[field] = t;
    } else if (LIST_FIELDS.has(field)) {
      const l = looseList(v);
      if (l === undefined) drop(field);
      else if (l.length === 0) delete data[field];
      else data[field] = l;
    } else if (Object.hasOwn(CHOICES, field)) {
      const t = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
      if (t === '') delete data[field];
      else if (t !== undefined && CHOICES[field]!.includes(t)) data[field] = t;
      else drop(field);
    } else if (field === 'lang') {
      if (typeof v === 'string' && v.trim() === '') delete data[field];
      else if (typeof v !== 'string' || !LANG_TAG.test(v.trim())) drop(field);
      else data[field] = v.trim();
    }
  }
  // Keys turned off stay in the data unread, unless they have a Grove field's name (the note would read them).
  for (const key of off) if (Object.hasOwn(given, key) && !Object.hasOwn(data, key) && !GROVE_FIELDS.has(key)) data[key] = given[key];
  return { data, ignored, lines: outLines };
}

/** The one warning of a file whose fields were left out, naming each and what Grove reads there. */
export function ignoredWarning(file: string, ignored: readonly Ignored[], lines: Readonly<Record<string, number>>): Problem {
  const named = ignored.map((i) => `${i.key === i.field ? i.field : `${i.key} (as ${i.field})`} ${showValue(i.value)}`);
  const fixes = ignored.map((i) => `${i.key}: ${i.expected}`);
  const first = ignored.map((i) => lines[i.key]).find((l) => l !== undefined);
  const keys = [...new Set(ignored.map((i) => i.key))];
  return {
    file,
    line: first,
    field: ignored.length === 1 ? ignored[0]!.key : undefined,
    message: `ignored ${ignored.length === 1 ? 'a field' : `${ignored.length} fields`} Grove cannot read: ${named.join(', ')}`,
    hint: `write ${fixes.join('; ')}; or, if ${keys.length === 1 ? 'it means' : 'they mean'} something else in this repository, set \`fields: { ${keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: false`).join(', ')} }\` on the source`,
    severity: 'warning',
  };
}
