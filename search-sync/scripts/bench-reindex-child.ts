// Child process of bench:sync: a full reindex (build + atomic swap) in its own process, so its peak
// RSS (VmHWM) is the reindex's own and not the benchmark's in-process CMS.
import { readFileSync } from 'node:fs';
import { createRuntime, reindex, syncEnv } from '@zone/search-sync';

const runtime = await createRuntime(syncEnv());
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const summary = await reindex(runtime, { progress: process.stderr, skipReconcile: true });
clearInterval(sampler);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const peakMb = hwm ? Number(hwm[1]) / 1024 : peak / 1024 / 1024;
await runtime.close();
console.error(`reindex timings (ms): ${JSON.stringify(summary.timings)}`);
console.log(JSON.stringify({ documents: summary.documents, seconds: summary.seconds, peakRssMb: peakMb, timings: summary.timings }));
process.exit(0);
