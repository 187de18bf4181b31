/**
 * The page pipeline's cache keys (render-page.ts): a page is rendered again when anything its
 * rendering depends on changes: any setting of its source, any file of the engine, the version of
 * a package that renders.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Source } from '../../../src/garden/settings/config.ts';
import { renderCodeVersion, sourceKeyOf } from '../../../src/garden/render/render-page.ts';

const temp = mkdtempSync(join(tmpdir(), 'grove-render-key-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const base = { name: 'team', dir: '/x', root: '/x', trust: 'untrusted', unsafeHtml: 'error', brokenLinks: 'error', layout: 'notes' } as unknown as Source;

describe('sourceKeyOf', () => {
  it.each([
    ['trust', 'trusted'],
    ['unsafeHtml', 'strip'],
    ['brokenLinks', 'warn'],
    ['layout', 'garden'],
    ['prefix', 'team'],
    ['externalAssets', 'allow'],
    ['editUrl', 'https://git.example/edit/{path}'],
  ])('changes when %s changes', (key, value) => {
    expect(sourceKeyOf({ ...base, [key]: value } as Source)).not.toBe(sourceKeyOf(base));
  });

  it('does not depend on the order the settings were written in', () => {
    const reversed = Object.fromEntries(Object.entries(base).reverse()) as unknown as Source;
    expect(sourceKeyOf(reversed)).toBe(sourceKeyOf(base));
  });
});

describe('renderCodeVersion', () => {
  const engine = join(temp, 'src', 'garden');
  const modules = join(temp, 'node_modules');
  mkdirSync(join(engine, 'render'), { recursive: true });
  mkdirSync(join(modules, 'satteri'), { recursive: true });
  writeFileSync(join(engine, 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(engine, 'render', 'b.ts'), 'export const b = 1;\n');
  writeFileSync(join(modules, 'satteri', 'package.json'), '{"version":"0.10.5"}');

  it('changes with any engine file, in any folder, and with the version of a package that renders', () => {
    const first = renderCodeVersion(engine, modules);
    expect(renderCodeVersion(engine, modules)).toBe(first);
    writeFileSync(join(engine, 'render', 'b.ts'), 'export const b = 2;\n');
    const second = renderCodeVersion(engine, modules);
    expect(second).not.toBe(first);
    writeFileSync(join(engine, 'new-stage.ts'), 'export {};\n');
    const third = renderCodeVersion(engine, modules);
    expect(third).not.toBe(second);
    writeFileSync(join(modules, 'satteri', 'package.json'), '{"version":"0.11.0"}');
    expect(renderCodeVersion(engine, modules)).not.toBe(third);
  });
});
