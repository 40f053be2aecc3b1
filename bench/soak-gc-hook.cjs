// Preloaded into the language server by bench/soak.ts (`node --expose-gc --require …`):
// on SIGUSR2, collect garbage and print the memory figures on stderr as one marked line.
// It lets the soak measure memory after a full GC without any change to the server.
'use strict';

process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const m = process.memoryUsage();
  process.stderr.write(`SOAK-MEMORY ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external })}\n`);
});
