/**
 * Building the model, community notes: a node per note, with its topics (its tags create them), its
 * authors and the lessons it lists or that list it.
 */
import type { AnyEntry } from '../content/entries.ts';
import { slugify } from '../core/ids.ts';
import { hintForIds } from '../core/problems.ts';
import { countInlineQuestions } from '../content/syntax.ts';
import { folderTopic, numberOf } from '../content/course-layout.ts';
import type { LessonNode, NoteNode } from './model.ts';
import { entriesOf, findRef, type ModelProblems } from './references.ts';
import type { People } from './people.ts';
import type { Topics } from './topics.ts';

/** A node for every note: its topics and tags (informal, so they create topics), its authors (known people credited) and the lessons it lists. */
export function noteNodes(entries: readonly AnyEntry[], lessons: Map<string, LessonNode>, topics: Topics, people: People, problems: ModelProblems): Map<string, NoteNode> {
  const lessonIds = [...lessons.keys()];
  const notes = new Map<string, NoteNode>();
  for (const entry of entriesOf(entries, 'note')) {
    const names = [...entry.data.topics, ...entry.data.tags];
    const node: NoteNode = {
      kind: 'note',
      entry,
      topics: topics.named(entry, entry.data.topics.length ? 'topics' : 'tags', names, true),
      authors: [],
      lessons: [],
      questions: entry.format === 'mdx' ? countInlineQuestions(entry.body) : 0,
    };
    for (const a of entry.data.authors) {
      const p = findRef(people.byId, entry, a);
      node.authors.push(p ?? a);
      p?.wrote.push(node);
    }
    for (const ref of entry.data.lessons) {
      const l = (entry.idPrefix ? lessons.get(`${entry.idPrefix}-${lessonRef(ref)}`) : undefined) ?? lessons.get(lessonRef(ref));
      if (!l) problems.err(entry, 'lessons', `no lesson "${ref}"`, hintForIds(lessonRef(ref), lessonIds, 'lessons'));
      else if (!node.lessons.includes(l)) {
        node.lessons.push(l);
        l.notes.push(node);
      }
    }
    notes.set(entry.id, node);
  }
  return notes;
}

/** Joins each lesson to the notes its `notes` lists (both ways); a note that does not exist is reported. */
export function linkLessonNotes(lessons: Map<string, LessonNode>, notes: Map<string, NoteNode>, problems: ModelProblems): void {
  const noteIds = [...notes.keys()];
  for (const l of lessons.values()) {
    for (const id of l.entry.data.notes) {
      const n = findRef(notes, l.entry, id);
      if (!n) problems.err(l.entry, 'notes', `no note "${id}"`, hintForIds(slugify(id), noteIds, 'notes'));
      else if (!l.notes.includes(n)) {
        l.notes.push(n);
        n.lessons.push(l);
      }
    }
  }
}

/**
 * Numbered notes of one folder are read in order: each gets the note before and after it by number
 * (10 after 9; equal numbers by path). A folder with fewer than two numbered notes has no order;
 * unnumbered notes and `index.md`/`README.md` stay out of it.
 */
export function linkReadingOrder(notes: Iterable<NoteNode>): void {
  const byFolder = new Map<string, { n: number; note: NoteNode }[]>();
  for (const note of notes) {
    const { source, path } = note.entry;
    const n = noteNumber(note);
    if (n === undefined) continue;
    const folder = `${source}\0${path.slice(0, path.lastIndexOf('/') + 1)}`;
    const list = byFolder.get(folder);
    if (list) list.push({ n, note });
    else byFolder.set(folder, [{ n, note }]);
  }
  for (const list of byFolder.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.n - b.n || (a.note.entry.path < b.note.entry.path ? -1 : 1));
    list.forEach(({ note }, i) => {
      note.prev = list[i - 1]?.note;
      note.next = list[i + 1]?.note;
    });
  }
}

/** The number a note's file name starts with (`02-state.md` → 2), for reading order; undefined for `index.md`/`README.md` and unnumbered names. */
export function noteNumber(note: NoteNode): number | undefined {
  const { path } = note.entry;
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.mdx?$/i, '');
  return /^(index|readme)$/i.test(name) ? undefined : numberOf(name)?.n;
}

/** A topic made from a numbered folder (`01-basics/`, titled "Basics" by the layout) takes the folder's number, so topics list in the repository's order. */
export function numberFolderTopics(notes: Iterable<NoteNode>): void {
  for (const note of notes) {
    for (const folder of note.entry.path.split('/').slice(0, -1)) {
      const num = numberOf(folder);
      if (!num) continue;
      const title = folderTopic(folder);
      const topic = note.topics.find((t) => t.title === title && !t.entry);
      if (topic) topic.order ??= num.n;
    }
  }
}

/** Normalises a lesson reference written `course/lesson` (the lesson part may keep its number prefix). */
function lessonRef(ref: string): string {
  const [course, ...rest] = ref.split('/');
  const name = rest.join('/').replace(/\.mdx?$/i, '');
  const stripped = /^\d+[-_. ]+(.+)$/.exec(name)?.[1] ?? name;
  return `${slugify(course ?? '')}/${slugify(stripped)}`;
}
