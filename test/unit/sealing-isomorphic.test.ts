import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, test } from 'vitest';

/**
 * The sealing module runs in the browser too (the web client bundles it with Vite), so it and every
 * module it pulls in must stay free of Node: no `node:` import, no bare Node built-in, no `Buffer`.
 * These checks read the source text, so a regression fails here instead of in the browser build.
 */

/** The domain folder, where the sealing module and its imports live. */
const DOMAIN = new URL('../../shared/domain/', import.meta.url);

/** The only modules the sealing module may import, by their specifier. */
const ALLOWED_IMPORTS = ['./canonical-json', './checks', './errors'];

/** Returns a domain module's source text by its file name. */
const readDomainSource = (fileName: string): string => readFileSync(new URL(fileName, DOMAIN), 'utf8');

/** Lists every module specifier a source imports or re-exports, statically, dynamically or by require. */
const listSpecifiers = (source: string): string[] => {
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? ''));
};

/** Collects the sealing module and, transitively, every local module it imports, by file name. */
const collectSealingModules = (): Map<string, string> => {
  const sources = new Map<string, string>();
  const pending = ['sealing.ts'];
  while (pending.length > 0) {
    const fileName = pending.pop() ?? '';
    if (sources.has(fileName)) continue;
    const source = readDomainSource(fileName);
    sources.set(fileName, source);
    for (const specifier of listSpecifiers(source)) {
      if (specifier.startsWith('./')) pending.push(`${specifier.slice(2)}.ts`);
    }
  }
  return sources;
};

/** Node's built-in module names, with and without the `node:` prefix. */
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

describe('the sealing module runs in the browser as in Node', () => {
  test('imports only the pure modules it is allowed', () => {
    // Prepare
    const source = readDomainSource('sealing.ts');

    // Act
    const specifiers = listSpecifiers(source);

    // Assess
    expect(specifiers.length).toBeGreaterThan(0);
    expect([...new Set(specifiers)].sort()).toEqual(ALLOWED_IMPORTS);
  });

  test('neither it nor anything it imports uses a Node module or Buffer', () => {
    // Prepare
    const sources = collectSealingModules();

    // Act
    const offences = [...sources].flatMap(([fileName, source]) => [
      ...listSpecifiers(source)
        .filter((specifier) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier))
        .map((specifier) => `${fileName} imports ${specifier}`),
      ...(/\bBuffer\b/.test(source) ? [`${fileName} mentions Buffer`] : []),
      ...(/\bprocess\./.test(source) ? [`${fileName} reads process`] : []),
    ]);

    // Assess
    expect([...sources.keys()].sort()).toEqual(['canonical-json.ts', 'checks.ts', 'errors.ts', 'sealing.ts']);
    expect(offences).toEqual([]);
  });

  test('the checks would catch the hashing module, which is Node-only', () => {
    // Prepare: hashing.ts is server code on node:crypto, so it must be flagged
    const source = readDomainSource('hashing.ts');

    // Act
    const specifiers = listSpecifiers(source);

    // Assess
    expect(specifiers.some((specifier) => specifier.startsWith('node:'))).toBe(true);
  });
});
