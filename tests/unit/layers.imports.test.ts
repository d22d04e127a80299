import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The back end's layers (handlers → domain → repositories → adapters) as imports: an adapter
 * talks to an outside system and knows nothing of our tables or rules; a repository knows no
 * rule; no two repositories need each other.
 */
const SRC = join(__dirname, '../../functions/src');
const filesOf = (layer: string) => readdirSync(join(SRC, layer)).filter((f) => f.endsWith('.ts'));
const importsOf = (layer: string, file: string) =>
  [...readFileSync(join(SRC, layer, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);

it('adapters import no domain, repository or handler module', () => {
  const breaches = filesOf('adapters').flatMap((file) =>
    importsOf('adapters', file)
      .filter((path) => /^\.\.\/(domain|repositories|handlers)\//.test(path))
      .map((path) => `adapters/${file} → ${path}`),
  );
  expect(breaches).toEqual([]);
});

it('repositories import no domain or handler module', () => {
  const breaches = filesOf('repositories').flatMap((file) =>
    importsOf('repositories', file)
      .filter((path) => /^\.\.\/(domain|handlers)\//.test(path))
      .map((path) => `repositories/${file} → ${path}`),
  );
  expect(breaches).toEqual([]);
});

it('no two repositories import each other, directly or through others', () => {
  const graph = new Map(
    filesOf('repositories').map((file) => [
      file.replace(/\.ts$/, ''),
      importsOf('repositories', file)
        .filter((path) => path.startsWith('./'))
        .map((path) => path.slice(2)),
    ]),
  );
  const cycles: string[] = [];
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) return void cycles.push([...trail, node].join(' → '));
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
  };
  for (const node of graph.keys()) visit(node, []);
  expect(cycles).toEqual([]);
});
