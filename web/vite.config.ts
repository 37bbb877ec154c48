import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside every text file of dist/ worth compressing, at the highest
 * levels (the build pays once, every first load gains). The Api sends the copy the browser accepts, with
 * Content-Encoding and Vary (Api/Infrastructure/WebClient.cs); the plain file stays for clients that take neither.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'otmz-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir; },
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
        .flatMap(e => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      for (const file of walk(outDir).filter(f => /\.(js|css|html|svg|json)$/.test(f))) {
        const bytes = readFileSync(file);
        // Below about 1 KB the headers outweigh the saving.
        if (bytes.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The Api serves dist/ at / (Api/Api.csproj builds it; docs/web.md). In `npm run dev` the dev server proxies the
// Api's routes to a `dotnet run --project Api` on its default port, so the app talks to one origin either way.
const api = 'http://localhost:5080';
export default defineConfig({
  plugins: [vue(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/api': api,
      '/hubs': { target: api, ws: true },
    },
  },
});
