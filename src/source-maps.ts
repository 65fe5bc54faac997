/**
 * Loaded before the Lambda bundle by NODE_OPTIONS=--require (see template.yaml), and before the local
 * server's by `npm run serve` (--import): stack traces of the bundle then point at src/ and node_modules lines. Not --enable-source-maps: with that flag,
 * every util.getCallSites() (pino calls it whenever a logger is created) also parses the multi-megabyte
 * source map, about 100-250 ms of each cold start. Enabled this way, only stack traces use the map.
 */
process.setSourceMapsEnabled(true);
