import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    // No source maps in the shipped bundle: they would be served to anyone.
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Heavy, rarely changing libraries in their own cached chunks; the map and heatmap load on demand.
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/world-atlas')) return 'world-atlas';
          if (id.includes('node_modules/d3-') || id.includes('node_modules/topojson-client')) return 'geo';
          if (id.includes('node_modules/@apollo') || id.includes('node_modules/graphql') || id.includes('node_modules/rxjs')) return 'apollo';
          if (id.includes('node_modules/react')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4100', '/dev': 'http://127.0.0.1:4100' } },
});
