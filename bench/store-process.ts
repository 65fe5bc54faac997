import { startLocalStore } from '../src/store/local';

/**
 * The store for the bench, in its own process so its CPU is not counted as the server's or the
 * load generator's: dynalite in memory, as `npm start` uses with STORE_IN_MEMORY=true.
 * Prints {"endpoint": ...} on one line, then serves until killed.
 */
const store = await startLocalStore();
process.stdout.write(`${JSON.stringify({ endpoint: store.endpoint })}\n`);
const stop = () => void store.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
