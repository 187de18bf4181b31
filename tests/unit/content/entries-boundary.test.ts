/**
 * The untrusted boundary on disk (issue #12): what the walk of a source reads, and what it refuses.
 * Every hostile input is a row: a file (or link) made in a throwaway folder, and the one line the
 * user sees for it. The folder is read once with `readSource`, as the build and the check read it.
 */
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localSource } from '../../../src/garden/settings/config.ts';
import { assetNameProblem, MAX_ASSET_BYTES, MAX_PAGE_BYTES, readSource } from '../../../src/garden/content/entries.ts';
import { formatProblem } from '../../../src/garden/core/problems.ts';
import { removeDir, Repo, run, tempDir } from '../git-fixtures.ts';

const TOKEN = 'ghp_s3cr3tT0k3n';

describe('readSource: files, links and names an attacker commits', () => {
  let root: string;
  let repo: Repo;
  let result: ReturnType<typeof readSource>;
  const write = (path: string, text: string | Buffer = '# Page\n') => {
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    writeFileSync(join(repo.dir, path), text);
  };
  const link = (target: string, path: string) => {
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    symlinkSync(target, join(repo.dir, path));
  };

  beforeAll(() => {
    root = tempDir('grove-boundary-');
    repo = Repo.init(join(root, 'team'));
    // The clone's git config holds the remote URL, and with it the token some people put there.
    run(repo.dir, ['remote', 'add', 'origin', `https://bot:${TOKEN}@git.example/team/notes.git`]);
    mkdirSync(join(root, 'secret'));
    writeFileSync(join(root, 'secret', 'passwords.md'), '# Passwords\n');
    writeFileSync(join(root, 'secret', 'photo.png'), 'png');
    write('notes/fine.md', '# Fine\n');
    write('notes/real.md', '# Real\n');
    write('notes/photo.png', 'png');
    write('notes/Ünïcode image 1.png', 'png');
    write('shared/inside.md', '# Inside the source\n');
    write('notes/.git/hidden.md', '# In a nested .git folder\n');
    // Links: to the git config, out of the source, to folders, to themselves, to nothing.
    link('.git/config', 'config.md');
    link('../.git/config', 'notes/config.md');
    link('../.git/HEAD', 'notes/head.png');
    write('.GIT/secret.md', '# On a case-insensitive disk this is .git\n');
    link('../.GIT/secret.md', 'notes/upper.md');
    link(join(root, 'secret', 'passwords.md'), 'notes/leak.md');
    link(join(root, 'secret', 'photo.png'), 'notes/leak.png');
    link(join(root, 'secret'), 'notes/vault');
    link('.', 'notes/loop-a');
    link('..', 'notes/loop-b');
    link('../notes', 'notes/loop-c');
    link('nowhere.md', 'notes/dangling.md');
    link('real.md', 'notes/alias.md');
    link('../shared/inside.md', 'notes/shared.md');
    // Names that do not survive a web address.
    write('notes/%2e%2e/x.png', 'png');
    write('notes/50%.png', 'png');
    write('notes/back\\slash.png', 'png');
    write('notes/tab\there.png', 'png');
    write('notes/new\nline.png', 'png');
    write('notes/-rf.png', 'png');
    write('notes/what?.png', 'png');
    write('notes/hash#1.png', 'png');
    writeFileSync(join(repo.dir, 'notes', Buffer.from('latin1-\xe9t\xe9.md', 'latin1').toString('latin1')), '');
    writeFileSync(Buffer.concat([Buffer.from(join(repo.dir, 'notes') + '/'), Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x6d, 0x64])]), '# Not UTF-8\n');
    // Sizes: one byte over each limit (a sparse file, so the test writes next to nothing).
    write('notes/huge.md', '');
    truncateSync(join(repo.dir, 'notes', 'huge.md'), MAX_PAGE_BYTES + 1);
    write('notes/huge.png', '');
    truncateSync(join(repo.dir, 'notes', 'huge.png'), MAX_ASSET_BYTES + 1);
    write('notes/just-fits.md', `# Just fits\n${'x'.repeat(MAX_PAGE_BYTES - 12)}`);
    result = readSource(localSource('team', repo.dir, { trust: 'untrusted' }), root);
  });
  afterAll(() => removeDir(root));

  const problemOf = (path: string) => result.problems.filter((p) => p.file === `team/${path}`).map(formatProblem);
  const read = () => [...result.entries.map((e) => e.path), ...result.assets.map((a) => a.path)] as string[];

  it.each([
    ['config.md', 'is a symbolic link into the .git folder, which Grove never reads (remove the link)'],
    ['notes/config.md', 'is a symbolic link into the .git folder, which Grove never reads (remove the link)'],
    ['notes/head.png', 'is a symbolic link into the .git folder, which Grove never reads (remove the link)'],
    ['notes/upper.md', 'is a symbolic link into the .git folder, which Grove never reads (remove the link)'],
    ['notes/leak.md', "is a symbolic link to secret/passwords.md, outside the source (copy the file in instead; a link may only point at a file inside the source's folder)"],
    ['notes/leak.png', "is a symbolic link to secret/photo.png, outside the source (copy the file in instead; a link may only point at a file inside the source's folder)"],
    ['notes/vault', 'is a symbolic link to a folder, which Grove does not follow (move the folder in, or add it as a source of its own)'],
    ['notes/loop-a', 'is a symbolic link to a folder, which Grove does not follow (move the folder in, or add it as a source of its own)'],
    ['notes/loop-b', 'is a symbolic link to a folder, which Grove does not follow (move the folder in, or add it as a source of its own)'],
    ['notes/loop-c', 'is a symbolic link to a folder, which Grove does not follow (move the folder in, or add it as a source of its own)'],
    ['notes/dangling.md', 'is a symbolic link to nothing (remove it, or replace it with the file itself)'],
    [
      'notes/%2e%2e/x.png',
      'not published: has a "%" in its name, which a web address reads as an escape (%2e is a dot) (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)',
    ],
    [
      'notes/50%.png',
      'not published: has a "%" in its name, which a web address reads as an escape (%2e is a dot) (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)',
    ],
    [
      'notes/back\\slash.png',
      'not published: has a "\\" in its name, which a web address reads as "/" (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)',
    ],
    ['notes/tab\there.png', 'not published: has a control character (a tab, a newline) in its name (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)'],
    ['notes/new\nline.png', 'not published: has a control character (a tab, a newline) in its name (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)'],
    [
      'notes/-rf.png',
      'not published: has a name starting with "-", which commands read as an option (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)',
    ],
    ['notes/what?.png', 'not published: has a "?" in its name, which ends the path of a web address (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)'],
    [
      'notes/hash#1.png',
      'not published: has a "#" in its name, which ends the path of a web address (rename the file with letters, digits, spaces, "-", "_" and "." only, and update the links to it)',
    ],
    ['notes/bad\ufffd.md', 'has a name that is not valid UTF-8, so it cannot be read or published (rename it using UTF-8 (any editor or git client on a current system does))'],
    ['notes/huge.md', 'not read: it is 1.0 MiB (1,048,577 bytes), over the 1 MiB limit for a page (split it into several pages; a generated file belongs in another format)'],
    ['notes/huge.png', 'not published: it is 20.0 MiB (20,971,521 bytes), over the 20 MiB limit for a published file (make it smaller (resize or compress it), or link to where it is kept instead)'],
  ])('%s: one error naming it and the fix, and it is not read', (path, message) => {
    expect(problemOf(path)).toEqual([`team/${path} → ${message}`]);
    expect(result.problems.find((p) => p.file === `team/${path}`)?.severity).toBe('error');
    expect(read()).not.toContain(path);
  });

  it('nothing of the git config reaches a page', () => {
    for (const e of result.entries) expect(`${e.body}${JSON.stringify(e.data)}`).not.toContain(TOKEN);
    expect(readFileSync(join(repo.dir, '.git', 'config'), 'utf8')).toContain(TOKEN);
  });

  it('what is fine is read: files, links to files inside the source, names in any script, a page at the limit', () => {
    expect(read().sort()).toEqual(
      ['notes/Ünïcode image 1.png', 'notes/alias.md', 'notes/fine.md', 'notes/just-fits.md', 'notes/latin1-\xe9t\xe9.md', 'notes/photo.png', 'notes/real.md', 'notes/shared.md'].sort(),
    );
    expect(result.entries.find((e) => e.path === 'notes/shared.md')?.title).toBe('Inside the source');
  });

  it('no other problem than the rows above', () => {
    expect(result.problems).toHaveLength(22);
  });
});

describe('assetNameProblem', () => {
  it.each([
    ['notes/photo.png', undefined],
    ['notes/My Photo (1).png', undefined],
    ['notes/日本語.png', undefined],
    ['notes/Über.png', undefined],
    ['notes/a-b_c.d.png', undefined],
    ['notes/../x.png', 'has an empty, "." or ".." part'],
    ['notes/./x.png', 'has an empty, "." or ".." part'],
    ['notes//x.png', 'has an empty, "." or ".." part'],
    ['notes/%2e%2e/x.png', 'has a "%" in its name, which a web address reads as an escape (%2e is a dot)'],
    ['notes\\..\\x.png', 'has a "\\" in its name, which a web address reads as "/"'],
    ['notes/\u0000.png', 'has a control character (a tab, a newline) in its name'],
    ['notes/\u0085.png', 'has a control character (a tab, a newline) in its name'],
    ['-notes/x.png', 'has a name starting with "-", which commands read as an option'],
  ])('%j → %s', (path, expected) => {
    expect(assetNameProblem(path)).toBe(expected);
  });

  it('every name it accepts comes back unchanged from a web address', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), (parts) => {
        const path = parts.join('/');
        fc.pre(assetNameProblem(path) === undefined);
        const url = new URL(`/files/team/${parts.map(encodeURIComponent).join('/')}`, 'http://x');
        expect(url.pathname.split('/').slice(3).map(decodeURIComponent)).toEqual(parts);
      }),
      { numRuns: 2000 },
    );
  });
});
