/**
 * The template of each kind of page: what `npm run new` writes and what "Propose a note" prefills in
 * the git host's editor. One function makes both, and a unit test reads every template back through
 * the kind's schema, so a template can never produce a file the build rejects.
 */
import type { Kind } from './schemas.ts';

/** What a template is filled with. */
export interface TemplateInput {
  /** The page's title (a person's name). */
  title: string;
  /** A topic id the page is on (notes, lessons, courses, paths), or a person's expertise. */
  topic?: string;
  /** The topic's title, for the note's opening sentence. */
  topicTitle?: string;
  /** Course ids: the course a path starts with. */
  courses?: readonly string[];
}

/** A YAML scalar: plain when YAML reads it back as the same text, else double-quoted. */
export function yamlString(s: string): string {
  const plain = /^[\p{L}\p{N}][\p{L}\p{N} .,'’()?!/&+-]*$/u.test(s) && !/^(true|false|yes|no|on|off|null|~)$/i.test(s) && !/^[\d.+-]/.test(s) && !s.endsWith(' ');
  return plain ? s : JSON.stringify(s);
}

const list = (ids: readonly (string | undefined)[]) =>
  `[${ids
    .filter((x): x is string => !!x)
    .map(yamlString)
    .join(', ')}]`;

/** The text of a new page of `kind`: frontmatter with every field a contributor needs, each commented, and a body to replace. */
export function pageTemplate(kind: Kind, input: TemplateInput): string {
  const t = yamlString(input.title);
  const topics = list([input.topic]);
  const lines = (() => {
    switch (kind) {
      case 'note':
        return [
          `title: ${t}`,
          'summary:              # one sentence shown in lists (optional)',
          'kind: tip             # note, how-to, tip, question, til or reference',
          'stage: seedling       # seedling → budding → evergreen, as experts review it',
          `topics: ${topics}`,
          '---',
          '',
          `What you know${input.topicTitle ? ` about ${input.topicTitle}` : ''}, in a few lines. Link other pages with \`[[page-id]]\`.`,
        ];
      case 'lesson':
        return [
          `title: ${t}`,
          'summary:              # one sentence shown in lists (optional)',
          'duration: 15 min      # how long it takes; leave it out to estimate from the text',
          'objectives:           # what a learner can do after this lesson',
          '  - Say what the learner will be able to do',
          `topics: ${topics}`,
          '# A knowledge check (optional): questions answered at the end of the lesson.',
          '# check:',
          '#   - question: What does `git add` do?',
          '#     options: [Uploads the file, Puts the change in the staging area]',
          '#     answer: Puts the change in the staging area',
          '#     explanation: Nothing leaves your machine until you push.',
          '---',
          '',
          'Start with why this matters, then teach one thing at a time. Link notes with `[[note-id]]`.',
        ];
      case 'course':
        return [
          `title: ${t}`,
          'summary:              # one or two sentences shown in lists',
          'level: beginner       # beginner, intermediate or advanced',
          'objectives:           # what a learner can do after the course',
          '  - Say what the learner will be able to do',
          'prerequisites: []     # course ids to take first',
          `topics: ${topics}`,
          'owners: []            # person ids who review changes to it',
          '---',
          '',
          'Who this course is for and what it covers. Its lessons are the other files in this folder: `npm run new -- lesson "Title" --course <this course>`.',
        ];
      case 'path':
        return [
          `title: ${t}`,
          'summary:              # one or two sentences shown in lists',
          'audience:             # who the path is for ("new engineers")',
          `courses: ${list(input.courses ?? [])}   # course ids, in the order to take them`,
          `topics: ${topics}`,
          'owners: []            # person ids who review changes to it',
          '---',
          '',
          'Why to take this path, and what comes after it.',
        ];
      case 'topic':
        return [
          `title: ${t}`,
          'summary:              # one sentence shown in lists',
          'aliases: []           # other names people search for (vcs for git)',
          'parent:               # the broader topic id (optional)',
          '---',
          '',
          'What this topic covers, and where to start.',
        ];
      case 'person':
        return [
          `name: ${t}`,
          'role:                 # job title',
          'team:',
          `expertise: ${topics}   # topic ids they know well`,
          'email:                # for questions',
          'git:                  # to credit their commits',
          '  emails: []',
          '  usernames: []',
          '---',
          '',
          'What to ask them about.',
        ];
    }
  })();
  return ['---', ...lines, ''].join('\n');
}

/** The title a note proposed from the site starts with, for the contributor to replace. */
export const PROPOSED_NOTE_TITLE = 'A short, specific title';
