import { startEnvironment } from './environment';
import { stopAll } from './processes';
import { timeBcrypt } from './bcrypt-limit';
import { BENCH_PASSWORD } from './seed';
const cost = Number(process.argv[2] ?? 12);
const env = await startEnvironment({ bcryptCost: cost, logLevel: 'warn', log: console.error });
const users = await env.seeder.createUsers(20, 'u');
let k = 0;
for (const path of ['/register', '/login']) {
  for (const conc of [1, 2, 4, 8]) {
    const bt = await timeBcrypt(cost, 1, 2);
    const t = performance.now(); let n = 0; const lat: number[] = [];
    await Promise.all(Array.from({ length: conc }, async () => {
      for (let i = 0; i < 2; i++) {
        const s = performance.now();
        const body = path === '/register' ? { name: 'x', username: `r-${k++}`, password: BENCH_PASSWORD } : { username: users[k++ % 20], password: BENCH_PASSWORD };
        const r = await fetch(env.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        await r.text(); n++; lat.push(Math.round(performance.now() - s));
        if (r.status >= 300) console.log('status', r.status);
      }
    }));
    console.log(path, 'conc', conc, 'rate', (n / ((performance.now() - t) / 1000)).toFixed(2), 'bcrypt', bt.map(Math.round), 'lat', lat.join(','));
  }
}
await env.stop(); stopAll(); process.exit(0);
