import { describe, expect, it } from 'vitest';
import { isWithin } from '../../../src/garden/core/folders.ts';

describe('isWithin', () => {
  it.each([
    ['/a/b', '/a/b', true],
    ['/a/b/c.md', '/a/b', true],
    ['/a/b', '/a/b/c', false],
    ['/a/bc', '/a/b', false],
    ['/a/..b/c', '/a', true],
    ['/x/y', '/a', false],
    ['b/c', 'b', true],
    ['../b', '.', false],
  ])('%s in %s: %s', (path, folder, expected) => {
    expect(isWithin(path, folder)).toBe(expected);
  });
});
