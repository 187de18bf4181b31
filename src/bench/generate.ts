/**
 * A deterministic synthetic garden for the benchmark: paths, courses, lessons with knowledge checks,
 * notes of every kind and stage, topics and people, linked with relative links and wikilinks, with
 * code blocks and tables, in a git repository with a history by several authors. The same seed and
 * size always give the same files (the unit test checks a hash of the tree).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTE_KINDS, STAGES, LEVELS } from '../garden/content/schemas.ts';

/** What to generate. */
export interface GenerateOptions {
  /** Garden pages to write (paths + courses + lessons + notes + topics + people). */
  pages: number;
  /** Same seed, same garden. Default 1. */
  seed?: number;
  /** Share of lessons and notes written as `.mdx` (0–1). Default 0.1. */
  mdxShare?: number;
}

/** How many pages of each kind a garden of `pages` pages has. */
export interface GardenShape {
  paths: number;
  courses: number;
  lessonsPerCourse: number;
  lessons: number;
  notes: number;
  topics: number;
  people: number;
}

/** Splits `pages` into kinds in the proportions of a real organisation's garden (mostly notes). */
export function shapeOf(pages: number): GardenShape {
  const people = Math.max(6, Math.round(pages * 0.01));
  const topics = Math.max(8, Math.round(pages * 0.02));
  const courses = Math.max(4, Math.round(pages * 0.02));
  const lessonsPerCourse = 8;
  const lessons = courses * lessonsPerCourse;
  const paths = Math.max(2, Math.round(courses / 5));
  const notes = pages - people - topics - courses - lessons - paths;
  if (notes < 1) throw new Error(`--pages must be at least ${pages - notes + 1} (got ${pages})`);
  return { paths, courses, lessonsPerCourse, lessons, notes, topics, people };
}

/** mulberry32: a small, fast, seedable PRNG (good enough for test data, not for secrets). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'booking freight wagon terminal route departure schedule capacity tariff customer consignment ' +
  'platform service deploy release rollback incident alert dashboard query index table join latency ' +
  'review branch commit merge rebase pipeline test coverage contract schema migration replica ' +
  'warehouse report metric owner team handover runbook on-call escalation status page timezone ' +
  'invoice region north south depot yard slot planner cache queue retry timeout budget error log ' +
  'trace sample threshold baseline estimate forecast cargo container weight gross net volume ' +
  'the a of to and in for with on by from when before after because so that which while each every'
).split(' ');
const FIRST = ['Ada', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Fatima', 'Goran', 'Hana', 'Ines', 'Jun', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Oskar', 'Priya'];
const LAST = ['Andersen', 'Barros', 'Costa', 'Dubois', 'Eze', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Novak', 'Okafor', 'Petrov'];

/** The generated garden's pages, as the generator refers to them in links. */
interface Plan {
  people: string[];
  topics: string[];
  courses: string[];
  lessons: Array<{ course: string; file: string; slug: string; mdx: boolean }>;
  notes: Array<{ id: string; mdx: boolean }>;
  paths: string[];
}

/** Writes a synthetic garden into `dir/content` and its settings into `dir/garden.config.mjs`. */
export function generateGarden(dir: string, options: GenerateOptions): GardenShape {
  const shape = shapeOf(options.pages);
  const rnd = random(options.seed ?? 1);
  const mdxShare = options.mdxShare ?? 0.1;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], n: number): T[] => {
    const out = new Set<T>();
    for (let i = 0; i < n * 3 && out.size < Math.min(n, list.length); i++) out.add(pick(list));
    return [...out];
  };
  const sentence = (min = 8, max = 18) => {
    const n = min + Math.floor(rnd() * (max - min));
    const w = Array.from({ length: n }, () => pick(WORDS));
    const s = w.join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => sentence()).join(' ');
  const title = () => {
    const s = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => pick(WORDS.slice(0, 90))).join(' ');
    return `${s[0]!.toUpperCase()}${s.slice(1)}`;
  };

  const content = join(dir, 'content');
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['paths', 'courses', 'notes', 'topics', 'people']) mkdirSync(join(content, d), { recursive: true });

  const pad = (i: number, n: number) => String(i).padStart(String(n).length, '0');
  const plan: Plan = {
    people: Array.from({ length: shape.people }, (_, i) => `person-${pad(i, shape.people)}`),
    topics: Array.from({ length: shape.topics }, (_, i) => `topic-${pad(i, shape.topics)}`),
    courses: Array.from({ length: shape.courses }, (_, i) => `course-${pad(i, shape.courses)}`),
    lessons: [],
    notes: Array.from({ length: shape.notes }, (_, i) => ({ id: `note-${pad(i, shape.notes)}`, mdx: rnd() < mdxShare })),
    paths: Array.from({ length: shape.paths }, (_, i) => `path-${pad(i, shape.paths)}`),
  };
  for (const course of plan.courses) {
    for (let j = 1; j <= shape.lessonsPerCourse; j++) {
      const slug = `lesson-${j}`;
      const mdx = rnd() < mdxShare;
      plan.lessons.push({ course, slug, file: `${String(j).padStart(2, '0')}-${slug}.${mdx ? 'mdx' : 'md'}`, mdx });
    }
  }

  /** A body with headings, paragraphs, links of every style, and sometimes code and a table. */
  const body = (from: 'note' | 'lesson') => {
    const up = from === 'lesson' ? '../../' : '../';
    const parts: string[] = [];
    for (let s = 0; s < 3; s++) {
      parts.push(`## ${title()}`, paragraph());
      const note = pick(plan.notes);
      const lesson = pick(plan.lessons);
      parts.push(`See [${pick(WORDS)} notes](${up}notes/${note.id}.${note.mdx ? 'mdx' : 'md'}), ` + `the lesson [[${lesson.course}/${lesson.slug}]] and [[${pick(plan.notes).id}|this note]].`);
    }
    if (rnd() < 0.5) {
      parts.push('```ts', `export function ${pick(WORDS).replace('-', '')}Total(rows: number[]): number {`, '  return rows.reduce((a, b) => a + b, 0);', '}', '```');
    }
    if (rnd() < 0.35) {
      parts.push('| route | departures | load |', '| --- | ---: | ---: |');
      for (let r = 0; r < 4; r++) parts.push(`| ${pick(WORDS)} | ${Math.floor(rnd() * 90)} | ${Math.floor(rnd() * 100)}% |`);
    }
    parts.push(paragraph());
    return parts.join('\n\n') + '\n';
  };
  const list = (xs: readonly string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

  plan.people.forEach((id, i) => {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= 256 ? ` ${i}` : ''}`;
    writeFileSync(
      join(content, 'people', `${id}.md`),
      `---\nname: ${name}\nrole: ${title()}\nteam: ${pick(['Platform', 'Data', 'Operations', 'Learning', 'Security'])}\nexpertise: ${list(some(plan.topics, 3))}\nemail: ${id}@example.org\ngit:\n  emails: [${id}@example.org]\n---\n\n${paragraph()}\n`,
    );
  });
  plan.topics.forEach((id, i) => {
    const parent = i > 8 && rnd() < 0.3 ? `\nparent: ${plan.topics[Math.floor(rnd() * 8)]}` : '';
    writeFileSync(join(content, 'topics', `${id}.md`), `---\ntitle: ${title()} ${i}\nsummary: ${sentence()}\naliases: [alias-${i}]${parent}\n---\n\n${paragraph()}\n`);
  });
  plan.courses.forEach((id, i) => {
    const pre = i > 0 && rnd() < 0.4 ? `\nprerequisites: [${plan.courses[Math.floor(rnd() * i)]}]` : '';
    mkdirSync(join(content, 'courses', id));
    writeFileSync(
      join(content, 'courses', id, 'index.md'),
      `---\ntitle: Course ${i} ${title()}\nsummary: ${sentence()}\nobjectives:\n  - ${sentence(5, 9)}\n  - ${sentence(5, 9)}\nlevel: ${pick(LEVELS)}\ntopics: ${list(some(plan.topics, 2))}\nowners: ${list(some(plan.people, 2))}${pre}\n---\n\n${paragraph()}\n`,
    );
  });
  plan.lessons.forEach((l, i) => {
    const check = i % 3 === 0 ? `\ncheck:\n  - question: Which ${pick(WORDS)} comes first?\n    options: [alpha, beta, gamma]\n    answer: beta\n    explanation: ${sentence(5, 9)}` : '';
    const duration = rnd() < 0.5 ? `\nduration: ${5 + Math.floor(rnd() * 25)}` : '';
    writeFileSync(
      join(content, 'courses', l.course, l.file),
      `---\ntitle: ${title()}\nobjectives:\n  - ${sentence(5, 9)}${duration}\nnotes: ${list(some(plan.notes, 2).map((n) => n.id))}${check}\n---\n\n${body('lesson')}`,
    );
  });
  plan.notes.forEach((n, i) => {
    const ext = n.mdx ? 'mdx' : 'md';
    const file = join(content, 'notes', `${n.id}.${ext}`);
    // One note in ten is plain Markdown with no frontmatter, as people write them.
    if (i % 10 === 9 && !n.mdx) {
      writeFileSync(file, `# ${title()} ${i}\n\n${body('note')}`);
      return;
    }
    const lessons = rnd() < 0.2 ? `\nlessons: [${pick(plan.lessons).course}/${pick(plan.lessons).slug}]` : '';
    writeFileSync(
      file,
      `---\ntitle: ${title()} ${i}\nsummary: ${sentence()}\nkind: ${pick(NOTE_KINDS)}\nstage: ${pick(STAGES)}\ntopics: ${list(some(plan.topics, 2))}\nauthors: ${list(some(plan.people, 1))}${lessons}\n---\n\n${body('note')}`,
    );
  });
  plan.paths.forEach((id, i) => {
    writeFileSync(
      join(content, 'paths', `${id}.md`),
      `---\ntitle: Path ${i} ${title()}\nsummary: ${sentence()}\ncourses: ${list(some(plan.courses, 4))}\ntopics: ${list(some(plan.topics, 2))}\nowners: ${list(some(plan.people, 1))}\n---\n\n${paragraph()}\n`,
    );
  });
  writeFileSync(
    join(dir, 'garden.config.mjs'),
    `// Generated by \`npm run bench\`: a synthetic garden of ${options.pages} pages.\nexport default {\n  title: 'Benchmark garden',\n  sources: [{ name: 'bench', path: './content' }],\n};\n`,
  );
  return shape;
}

/** Commits what is staged in `dir` as `author` at `date` (author and committer alike), so the history is the same every run. */
export function gitCommit(dir: string, message: string, author: { name: string; email: string }, date: Date): void {
  const iso = date.toISOString();
  execFileSync('git', ['commit', '-q', '-m', message], {
    cwd: dir,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: iso,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: iso,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Commits the garden in batches by several authors with fixed dates, then edits some notes, so
 * history has creation, updates and contributors to read.
 */
export function commitHistory(dir: string, seed = 1): number {
  const rnd = random(seed + 7);
  const git = (args: string[], env: Record<string, string> = {}) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  const authors = Array.from({ length: 6 }, (_, i) => ({ name: `${FIRST[i]} ${LAST[i]}`, email: `author${i}@example.org` }));
  const commit = (message: string, i: number) => gitCommit(dir, message, authors[Math.floor(rnd() * authors.length)]!, new Date(Date.UTC(2024, 0, 1) + i * 5 * 86400000));
  let n = 0;
  for (const d of ['content/people', 'content/topics', 'content/courses', 'content/paths', 'content/notes', '.']) {
    git(['add', d]);
    commit(`Add ${d}`, n++);
  }
  const notes = execFileSync('git', ['ls-files', 'content/notes'], { cwd: dir }).toString().trim().split('\n');
  for (let c = 0; c < 20; c++) {
    for (let k = 0; k < 5; k++) appendFileSync(join(dir, notes[Math.floor(rnd() * notes.length)]!), `\nUpdated in change ${c}.\n`);
    git(['add', 'content']);
    commit(`Update notes (${c})`, n++);
  }
  return n;
}
