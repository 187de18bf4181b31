import { it } from 'vitest';
import { problemsOf } from '../helpers.ts';
const LESSON = 'courses/git/01-intro.md';
const lesson = (c: string) => `---\ntitle: Intro\ncheck:\n${c}\n---\n`;
it('probe', () => {
  console.log(problemsOf('note', 'notes/x.md', '---\nreviewed: 20250101\n---\n'));
  console.log(problemsOf('lesson', LESSON, '---\ntitle: Intro\nduration: true\n---\n'));
  console.log(problemsOf('lesson', LESSON, lesson('  - question: Q?\n    options: a\n    answer: a')));
});
