// Preloaded (`node --require`) into every component that `npm start` runs, Strapi included, which
// runs without tsx: that is why this one file is plain CommonJS.
//
// Why: Linux can kill a child when its parent dies (prctl PR_SET_PDEATHSIG), but Node offers no way
// to set it. So the supervisor keeps the write end of each child's stdin pipe open and never writes
// to it. When the supervisor dies, for any reason, SIGKILL included, the kernel closes that end and
// the child reads end-of-file. A second check catches a child whose stdin is not that pipe: its
// parent pid changes when the supervisor is gone (the child is re-parented).
// The child then stops as on Ctrl-C (SIGTERM to itself, so its own shutdown runs: Meilisearch's
// wrapper stops the binary, the api closes its database), and is forced out after a grace period,
// with its whole process group (the supervisor starts each component as a group leader).
'use strict';
/* global require, setTimeout, setInterval -- Node's CommonJS globals (the lint config declares only process and console for .cjs) */

const supervisorPid = Number(process.env.ZONE_SUPERVISOR_PID);
const GRACE_MS = 10_000;
let leaving = false;

function leave(reason) {
  if (leaving) return;
  leaving = true;
  process.stderr.write(`npm start's supervisor is gone (${reason}); stopping\n`);
  setTimeout(() => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.exit(1);
    }
  }, GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}

// With `--import tsx`, Node 20 runs preloads in the module loader's worker thread as well; only the
// main thread has the real stdin (a worker's stdin ends at once).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (see the top of this file)
const { isMainThread } = require('node:worker_threads');

if (isMainThread && Number.isInteger(supervisorPid) && supervisorPid > 1) {
  if (process.ppid !== supervisorPid) leave('started by another process');
  const stdin = process.stdin;
  stdin.on('end', () => leave('its pipe closed'));
  stdin.on('error', () => leave('its pipe failed'));
  stdin.resume();
  // Watching must not keep a component alive that wants to exit.
  if (typeof stdin.unref === 'function') stdin.unref();
  setInterval(() => {
    if (process.ppid !== supervisorPid) leave('re-parented');
  }, 1_000).unref();
}
