/// <reference types="node" />
/**
 * Rules about the source itself: one platform module talks to Tauri, and nothing renders
 * HTML from strings (event data must stay text).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');
const PLATFORM_MODULE = 'lib/platform/tauri.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

const files = sourceFiles(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

describe('source rules', () => {
  it('finds the sources', () => {
    expect(files.map((file) => file.path)).toContain(PLATFORM_MODULE);
    expect(files.length).toBeGreaterThan(20);
  });

  it(`imports @tauri-apps only in ${PLATFORM_MODULE}`, () => {
    const importers = files.filter((file) => /from\s+['"]@tauri-apps\/|import\(\s*['"]@tauri-apps\//.test(file.text));
    expect(importers.map((file) => file.path)).toEqual([PLATFORM_MODULE]);
  });

  it('never renders strings as HTML', () => {
    const offenders = files.filter((file) => /\{@html|innerHTML|outerHTML|insertAdjacentHTML|document\.write/.test(file.text));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });

  it('never evaluates strings as code', () => {
    const offenders = files.filter((file) => /\beval\s*\(|new Function\s*\(/.test(file.text));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });
});
