// `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile>`: where a V8 CPU profile (from
// `npm run bench:search -- --cpu-prof DIR`) spends its self time, by package and by function.
import { readFileSync } from 'node:fs';
import { parseCommandLine } from '@zone/schemas/cli';

const { positionals } = parseCommandLine({
  command: 'npx tsx scripts/bench/profile-summary.ts',
  usage: '用法：npx tsx scripts/bench/profile-summary.ts <文件.cpuprofile>   按包和函数汇总 CPU 自身时间',
  options: {},
  positionals: { min: 1, max: 1, name: ' .cpuprofile 文件' },
});

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const us = self.get(node.id) ?? 0;
  if (!us) continue;
  const { url, functionName, lineNumber } = node.callFrame;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/src/') ? `ours: ${url.split('/src/')[0]!.split('/').pop()}` : url ? url.replace(/^.*\//, '') : `(${functionName || 'native'})`);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\/[^/]+\//, '')}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const show = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((us / total) * 100).toFixed(1).padStart(6)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`total sampled: ${(total / 1e6).toFixed(1)} s`);
show('by package', byPackage, 25);
show('by function', byFunction, 30);
