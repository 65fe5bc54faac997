import { writeFile } from 'node:fs/promises';
import { buildPageScript, PAGE_SCRIPT_FILE } from './page-script';

await writeFile(PAGE_SCRIPT_FILE, await buildPageScript());
console.log(`wrote ${PAGE_SCRIPT_FILE}`);
