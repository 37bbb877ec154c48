import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The Api serves dist/ at / (Api/Api.csproj builds it; docs/web.md). In `npm run dev` the dev server proxies the
// Api's routes to a `dotnet run --project Api` on its default port, so the app talks to one origin either way.
const api = 'http://localhost:5080';
export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    proxy: {
      '/api': api,
      '/hubs': { target: api, ws: true },
    },
  },
});
