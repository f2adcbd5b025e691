// Summarises a V8 .cpuprofile (node --cpu-prof, or BENCH_PROFILE=dir npm run bench): self time
// by function and by package, busy time only (idle and GC listed apart).
// Usage: node bench/profile-summary.mjs file.cpuprofile [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
const fn = new Map();
const pkg = new Map();
let busy = 0;
let idle = 0;
for (const [id, us] of self) {
  const { callFrame } = byId.get(id);
  const name = callFrame.functionName || '(anonymous)';
  if (name === '(idle)') { idle += us; continue; }
  busy += us;
  const url = callFrame.url.replace(/^file:\/\//, '');
  const where = url.includes('node_modules/') ? url.split('node_modules/').pop().split('/').slice(0, url.includes('node_modules/@') ? 2 : 1).join('/')
    : url.startsWith('node:') || url === '' ? (name.startsWith('(') ? name : 'node/native') : url.replace(/^.*?\/(server|sdk|dist-server)\//, '$1/');
  const key = `${name} ${where}:${callFrame.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  pkg.set(where.startsWith('server/') ? 'server (ours)' : where, (pkg.get(where.startsWith('server/') ? 'server (ours)' : where) ?? 0) + us);
}
const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
console.log(`busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`);
console.log('\nby package / area:');
for (const [k, us] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(pct(us), k);
console.log('\nby function (self):');
for (const [k, us] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) console.log(pct(us), k);
